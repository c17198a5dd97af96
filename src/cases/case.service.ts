import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { Clock } from 'src/common/clock';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQueryDto } from 'src/common/pagination';
import { actorLa } from 'src/common/tenancy';
import {
  CASE_READ_AUDIT,
  CASE_RESPONSE_COLUMNS,
  CaseQueryRepository,
  type CaseRow,
  toCaseResponse,
} from './case-query.repository';
import { CaseOpening } from './case-opening.service';
import { CaseRepository } from './case.repository';
import {
  ChildCasesQueryDto,
  CreateCaseDto,
  ListCasesQueryDto,
  UpdateCaseDto,
} from './dto/case.dto';
import type { CaseResponse } from './dto/case.responses';
import { TimelineItem, TimelineService } from './timeline.service';

@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cases: CaseQueryRepository,
    private readonly caseRows: CaseRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly opening: CaseOpening,
  ) {}

  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseResponse> {
    const la = actorLa(actor);
    return this.ds.transaction(async (m) => {
      if (!(await this.cases.familyVisible(m, la, actor, dto.familyId)))
        throw validationFailed('familyId', 'no such family in your local authority');
      await this.opening.assertFamilyHelpTeam(m, la, dto.teamId);
      // Staff open cases for their own team; an integrator (API client) for any team of its LA.
      if (actor.kind === 'user' && !(await this.cases.teamMember(m, la, dto.teamId, actor.id)))
        throw validationFailed('teamId', 'you can only open cases for a team you are a member of');
      const caseId = await this.opening.open(m, la, dto);
      return (await this.cases.findOne(m, la, caseId)) as CaseResponse;
    });
  }

  /** The case (audited read with its children). */
  async get(actor: Actor, caseId: string): Promise<CaseResponse> {
    const row = await this.access.readCase<CaseRow>(
      this.ds.manager,
      actor,
      'case.read',
      caseId,
      CASE_RESPONSE_COLUMNS,
      CASE_READ_AUDIT,
    );
    return toCaseResponse(row, this.clock.today());
  }

  /**
   * Cases of the caller's LA they may see. Audit: one `case.list` row per listed case (with
   * its children), written in one insert, so each child's access report shows the listing.
   */
  async list(actor: Actor, q: ListCasesQueryDto): Promise<Page<CaseResponse>> {
    const la = actorLa(actor);
    const after = this.cursor(q.cursor);
    if (q.mine && actor.kind !== 'user')
      throw validationFailed('mine', 'a caseload belongs to a user; API clients cannot use mine');
    const page = await this.cases.list(this.ds.manager, la, actor, {
      teamId: q.teamId,
      stage: q.stage,
      leadPractitionerId: q.leadPractitionerId,
      mine: q.mine,
      openOnly: q.mine !== undefined,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      updatedSince: q.updatedSince,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      after,
    });
    await this.auditListing(page, {
      teamId: q.teamId ?? null,
      stage: q.stage ?? null,
      mine: q.mine ?? null,
    });
    return page;
  }

  /**
   * The cases of one child the caller may see (`GET /children/:personId/cases`), newest first.
   * The child must be a child of the caller's LA whose family they may see, else 404.
   */
  async listForChild(
    actor: Actor,
    personId: string,
    q: ChildCasesQueryDto,
  ): Promise<Page<CaseResponse>> {
    const la = actorLa(actor);
    const after = this.cursor(q.cursor);
    if (!(await this.cases.childVisible(this.ds.manager, la, actor, personId)))
      throw notFound('Child');
    const page = await this.cases.list(this.ds.manager, la, actor, {
      childId: personId,
      stage: q.stage,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      after,
    });
    await this.auditListing(page, { childId: personId, stage: q.stage ?? null });
    return page;
  }

  private cursor(cursor: string | undefined): [string, string] | null {
    const after = decodeCursor(cursor, 2) as [string, string] | null;
    if (after && (!/^\d{4}-/.test(String(after[0])) || !/^[0-9a-f-]{36}$/i.test(String(after[1]))))
      throw validationFailed('cursor', 'cursor is not valid');
    return after;
  }

  private auditListing(page: Page<CaseResponse>, metadata: Record<string, unknown>) {
    return this.audit.recordMany(
      page.data.map((c) => ({
        action: 'case.list',
        recordType: 'case',
        recordId: c.id,
        childIds: c.childIds,
        metadata,
      })),
    );
  }

  /** Reassign the lead practitioner and/or restrict: a family_help_manager of the case's team. */
  async update(
    actor: Actor,
    caseId: string,
    version: number,
    dto: UpdateCaseDto,
  ): Promise<CaseResponse> {
    if (dto.leadPractitionerId === undefined && dto.restricted === undefined)
      throw validationFailed('body', 'give leadPractitionerId and/or restricted');
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.update', caseId, {
        lock: 'update',
        open: true,
      });
      if (c.version !== version) throw preconditionFailed();
      const after = {
        leadPractitionerId: dto.leadPractitionerId?.toLowerCase() ?? c.leadPractitionerId,
        restricted: dto.restricted ?? c.restricted,
      };
      if (after.leadPractitionerId !== c.leadPractitionerId)
        await this.opening.assertLeadEligible(
          m,
          c.localAuthorityId,
          c.teamId,
          after.leadPractitionerId,
        );
      const changes = diffFields(c, after, ['leadPractitionerId', 'restricted']);
      await this.caseRows.setLeadAndRestricted(
        m,
        c.localAuthorityId,
        caseId,
        after.leadPractitionerId,
        after.restricted,
      );
      await this.recordChanges(m, c.localAuthorityId, caseId, c.childIds, changes, dto.reason);
      return (await this.cases.findOne(m, c.localAuthorityId, caseId)) as CaseResponse;
    });
  }

  async timelineOf(actor: Actor, caseId: string, page: PageQueryDto): Promise<Page<TimelineItem>> {
    const c = await this.access.requireCase(this.ds.manager, actor, 'case.read', caseId);
    const result = await this.timeline.list(caseId, page);
    await this.audit.record({
      action: 'case.timeline_read',
      recordType: 'case',
      recordId: caseId,
      childIds: c.childIds,
    });
    return result;
  }

  private async recordChanges(
    m: EntityManager,
    la: string,
    caseId: string,
    childIds: string[],
    changes: Record<string, { before: unknown; after: unknown }>,
    reason: string | undefined,
  ): Promise<void> {
    const lead = changes.leadPractitionerId;
    if (lead)
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'lead_practitioner_changed',
        summary: 'Lead practitioner reassigned',
        data: { from: lead.before, to: lead.after, reason: reason ?? null },
        recordType: 'case',
        recordId: caseId,
      });
    const restricted = changes.restricted;
    if (restricted)
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: restricted.after ? 'case_restricted' : 'case_unrestricted',
        summary: restricted.after
          ? 'Access restricted to the case workers and managers'
          : 'Access restriction lifted',
        data: { reason: reason ?? null },
        recordType: 'case',
        recordId: caseId,
      });
    await this.audit.record(
      {
        action: 'case.update',
        recordType: 'case',
        recordId: caseId,
        childIds,
        changes,
        reason: reason ?? null,
      },
      m,
    );
  }
}
