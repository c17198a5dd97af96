import { CoWorkingRepository } from './co-working.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { DEFAULT_PAGE_SIZE, Page, decodeCursor, toPage } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import { AccessService } from 'src/access/access.service';
import {
  CoWorkerResponse,
  CoWorkingSummaryResponse,
  ConcernResponse,
  UnallocatedConcernQueryDto,
  UnallocatedConcernResponse,
} from './dto/co-working.dto';

/** The reads of concerns and ECPP co-working on a case (the writes: CoWorkingService). */
@Injectable()
export class CoWorkingReadService {
  constructor(
    private readonly repo: CoWorkingRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  listConcerns(actor: Actor, caseId: string): Promise<ConcernResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      const rows = await this.repo.findCaseConcerns(m, c.localAuthorityId, caseId);
      await this.audit.record(
        { action: 'concern.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return rows;
    });
  }

  /** For cp_manager: open concerns on the LA's cases that have no ECPP assigned. */
  async unallocated(
    actor: Actor,
    query: UnallocatedConcernQueryDto,
  ): Promise<Page<UnallocatedConcernResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const rows = await this.repo.findUnallocatedConcerns(
      this.ds.manager,
      actorLa(actor),
      limit,
      after,
    );
    const page = toPage(rows, limit, (r) => [r.cursorAt, r.id]);
    await this.audit.record({
      action: 'concern.read_unallocated',
      recordType: 'case_concern',
      childIds: [...new Set(page.data.flatMap((r) => r.childIds))],
    });
    return { data: page.data.map(({ cursorAt: _c, ...r }) => r), nextCursor: page.nextCursor };
  }

  /** Whether the case needs an ECPP, its open concerns and every co-worker assignment. */
  summary(actor: Actor, caseId: string): Promise<CoWorkingSummaryResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.read', caseId);
      const concerns = await this.repo.findCaseConcerns(m, c.localAuthorityId, caseId);
      const coWorkers = await this.repo.findCaseCoWorkers(m, c.localAuthorityId, caseId);
      const openConcerns = c.stage === 'closed' ? [] : concerns.filter((k) => k.status === 'open');
      await this.audit.record(
        { action: 'co_working.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return {
        needsEcpp: openConcerns.length > 0 && !coWorkers.some((w) => w.active),
        openConcerns,
        coWorkers,
      };
    });
  }

  listCoWorkers(actor: Actor, caseId: string): Promise<CoWorkerResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.read', caseId);
      const coWorkers = await this.repo.findCaseCoWorkers(m, c.localAuthorityId, caseId);
      await this.audit.record(
        { action: 'co_worker.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return coWorkers;
    });
  }
}
