import { TimescaleRepository } from './timescale.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { validationFailed } from 'src/common/domain-error';
import { DEFAULT_PAGE_SIZE, Page, decodeCursor, encodeCursor } from 'src/common/pagination';
import { Clock } from 'src/common/clock';
import { actorLa } from 'src/common/tenancy';
import { AccessService } from 'src/access/access.service';
import { OverdueQueryDto, OverdueTimescaleResponse, TimescaleResponse } from './dto/timescale.dto';
import { computeTimescales, isOverdue } from 'src/case-history/timescale-rules';

/** Cases examined per batch and at most per request when listing overdue work. */
const BATCH = 100;
const MAX_CASES_PER_REQUEST = 2000;

@Injectable()
export class TimescaleService {
  constructor(
    private readonly repo: TimescaleRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Every timescale of the case, `{ data }`: done ones (met, met_late) and ended episodes'
   * items as history, the rest due or overdue at `asOf` (default today in England).
   */
  forCase(actor: Actor, caseId: string, asOf?: string): Promise<{ data: TimescaleResponse[] }> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'timescale.read', caseId);
      const inputs = await this.repo.loadTimescaleInputs(
        m,
        c.localAuthorityId,
        [c],
        asOf ?? this.clock.today(),
      );
      await this.audit.record(
        { action: 'timescale.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return { data: computeTimescales(inputs.get(caseId)!) };
    });
  }

  /**
   * Overdue items across the caller's cases: a family_help_manager's teams' cases, and for a
   * cp_manager every co-worked case of the LA. Ordered by case then due date; the cursor is
   * (case id, items of that case already returned). A request examines at most
   * MAX_CASES_PER_REQUEST cases, so a page can be short with a non-null nextCursor.
   */
  async overdue(actor: Actor, q: OverdueQueryDto): Promise<Page<OverdueTimescaleResponse>> {
    const page = await this.findOverdue(actor, q);
    await this.audit.record({
      action: 'timescale.overdue.read',
      recordType: 'case',
      metadata: { teamId: q.teamId ?? null, asOf: q.asOf ?? null, items: page.data.length },
    });
    return page;
  }

  private async findOverdue(
    actor: Actor,
    q: OverdueQueryDto,
  ): Promise<Page<OverdueTimescaleResponse>> {
    const la = actorLa(actor);
    const m = this.ds.manager;
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const today = q.asOf ?? this.clock.today();
    if (q.teamId) await this.access.requireTeamFilter(m, actor, 'timescale.overdue', q.teamId);
    const cursor = decodeCursor(q.cursor, 2);
    if (
      cursor &&
      (typeof cursor[0] !== 'string' || typeof cursor[1] !== 'number' || cursor[1] < 0)
    ) {
      throw validationFailed('cursor', 'cursor is not valid');
    }
    // Resume inside the cursor's case (inclusive), skipping the items already returned.
    let after = cursor ? { id: cursor[0] as string, inclusive: true } : null;
    const skip = cursor ? (cursor[1] as number) : 0;

    const data: OverdueTimescaleResponse[] = [];
    let scanned = 0;
    let lastCaseId: string | null = null;
    while (scanned < MAX_CASES_PER_REQUEST) {
      const cases = await this.repo.findOverdueScopeCases(
        m,
        la,
        actor,
        q.teamId ?? null,
        after,
        BATCH,
        today,
      );
      if (cases.length === 0) return { data, nextCursor: null };
      const inputs = await this.repo.loadTimescaleInputs(m, la, cases, today);
      for (const c of cases) {
        scanned += 1;
        lastCaseId = c.id;
        const overdue = computeTimescales(inputs.get(c.id)!).filter(isOverdue);
        const from = cursor && c.id === cursor[0] ? skip : 0;
        for (let i = from; i < overdue.length; i++) {
          if (data.length === limit) return { data, nextCursor: encodeCursor([c.id, i]) };
          data.push({
            caseId: c.id,
            teamId: c.teamId,
            leadPractitionerId: c.leadPractitionerId,
            stage: c.stage,
            teamName: c.teamName ?? null,
            leadPractitionerName: c.leadPractitionerName ?? null,
            ...overdue[i],
          });
        }
      }
      after = { id: lastCaseId as string, inclusive: false };
      if (cases.length < BATCH) return { data, nextCursor: null };
    }
    return {
      data,
      nextCursor: lastCaseId ? encodeCursor([lastCaseId, Number.MAX_SAFE_INTEGER]) : null,
    };
  }
}
