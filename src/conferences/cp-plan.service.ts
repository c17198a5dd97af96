import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { replay } from 'src/case-history/case-state';
import { TimelineService } from 'src/cases/timeline.service';
import { DomainError, conflict, preconditionFailed } from 'src/common/domain-error';
import { CpPlanRepository } from './cp-plan.repository';
import type { CpPlanResponse, PutCpPlanDto } from './dto/cp-plan.dto';

const NONE = (caseId: string): CpPlanResponse => ({
  caseId,
  version: 0,
  outcomes: [],
  actions: [],
  contingency: null,
  conferenceId: null,
  authoredById: null,
  createdAt: null,
});

/**
 * The child protection plan's content (docs/conferences.md, "The plan's content"): versioned by
 * the core group the latest conference named (If-Match on the version in force); the highest
 * version is in force. Each version writes its timeline event and audit row in one transaction.
 */
@Injectable()
export class CpPlanService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: CpPlanRepository,
    private readonly history: CaseHistoryRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  get(actor: Actor, caseId: string): Promise<CpPlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      return (await this.repo.inForce(m, c.localAuthorityId, caseId)) ?? NONE(caseId);
    });
  }

  versions(actor: Actor, caseId: string): Promise<CpPlanResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      return this.repo.versions(m, c.localAuthorityId, caseId);
    });
  }

  put(actor: Actor, caseId: string, ifMatch: number, dto: PutCpPlanDto): Promise<CpPlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'cp_plan.write', caseId, {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const la = c.localAuthorityId;
      const state = replay(await this.history.load(m, la, caseId));
      if (Object.keys(state.cpPlans).length === 0) {
        throw conflict('no_cp_plan', 'No child of the case is on a child protection plan');
      }
      const core = await this.repo.coreGroup(m, la, caseId);
      if (!core || !core.userIds.includes(actor.id)) {
        throw new DomainError(
          403,
          'not_core_group',
          "Only a member of the core group the latest conference named writes the plan's content",
        );
      }
      const current = (await this.repo.inForce(m, la, caseId))?.version ?? 0;
      if (ifMatch !== current) throw preconditionFailed();
      const v = await this.repo.insert(m, la, {
        caseId,
        number: current + 1,
        outcomes: dto.outcomes.map((o) => o.trim()),
        actions: dto.actions,
        contingency: dto.contingency.trim(),
        conferenceId: core.conferenceId,
        authoredById: actor.id,
      });
      if (!v) throw preconditionFailed();
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: la,
        type: 'cp_plan_versioned',
        summary: `Child protection plan content: version ${v.version} (${dto.outcomes.length} outcome(s), ${dto.actions.length} action(s))`,
        data: { version: v.version, conferenceId: core.conferenceId },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'cp_plan.version',
          recordType: 'case',
          recordId: caseId,
          childIds: Object.keys(state.cpPlans),
          changes: { version: { before: current, after: v.version } },
          metadata: { caseId, conferenceId: core.conferenceId },
        },
        m,
      );
      return v;
    });
  }
}
