import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { Clock, requireDateAfter } from 'src/common/clock';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, validationFailed } from 'src/common/domain-error';
import type { RecordDecisionDto } from 'src/decisions/dto/decision.dto';
import { DecisionService } from 'src/decisions/decision.service';
import { CommunitySafetyPlanRepository } from './community-safety-plan.repository';
import { cspEvent, CspViews } from './community-safety-plan.views';
import {
  CommunitySafetyPlanResponse,
  EndCommunitySafetyPlanDto,
  StartCommunitySafetyPlanDto,
} from './dto/community-safety-plan.dto';
import { PlanAccessService } from 'src/sharing/plan-access.service';
import { requireChildrenOfCase } from './plan-writes';

/**
 * Child Community Safety Plans. Started and ended by the co-working ECPP: the plan and its
 * `start_community_safety_plan` / `end_community_safety_plan` decision are written in one
 * transaction (the decision rules decide whether it is allowed). Actions are added by the case's
 * team or ECPP and updated by them or by partners of the owning agency; reviews by the team.
 */
@Injectable()
export class CommunitySafetyPlanService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: PlanAccessService,
    private readonly repo: CommunitySafetyPlanRepository,
    private readonly views: CspViews,
    private readonly decisions: DecisionService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  start(
    actor: Actor,
    caseId: string,
    dto: StartCommunitySafetyPlanDto,
  ): Promise<CommunitySafetyPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'case' as const, id: caseId };
      const c = await this.access.require(m, actor, target, 'community_safety_plan.decide', {
        lock: true,
      });
      requireChildrenOfCase('childId', [dto.childId], c.caseChildIds);
      const effectiveDate = dto.effectiveDate ?? this.clock.today();
      requireDateAfter('reviewDate', dto.reviewDate, effectiveDate, 'the day the plan starts');
      const decision = await this.decisions.recordIn(
        m,
        actor,
        caseId,
        decisionDto('start_community_safety_plan', dto.rationale, dto.childId, effectiveDate),
        { viaSafetyPlan: true },
      );
      const plan = await this.repo.insert(m, c.localAuthorityId, {
        caseId,
        childId: dto.childId,
        harmTypes: dto.harmTypes,
        contexts: dto.contexts.map((x) => x.trim()),
        personsOfConcern: JSON.parse(JSON.stringify(dto.personsOfConcern ?? [])) as [],
        reviewDate: dto.reviewDate,
        startedOn: effectiveDate,
        startDecisionId: decision.id,
      });
      await cspEvent(
        this.timeline,
        m,
        c,
        actor,
        plan.id,
        'community_safety_plan_started',
        'Child Community Safety Plan started',
        {
          decisionId: decision.id,
          childId: dto.childId,
          childIds: [dto.childId],
          effectiveDate,
          harmTypes: dto.harmTypes,
        },
      );
      await this.audit.record(
        {
          action: 'community_safety_plan.start',
          recordType: 'community_safety_plan',
          recordId: plan.id,
          childIds: [dto.childId],
          changes: diffFields({}, plan, [
            'childId',
            'harmTypes',
            'contexts',
            'personsOfConcern',
            'reviewDate',
            'startedOn',
          ]),
          metadata: { caseId, decisionId: decision.id },
        },
        m,
      );
      return this.views.plan(m, c, plan);
    });
  }

  get(actor: Actor, id: string): Promise<CommunitySafetyPlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(
        m,
        actor,
        { type: 'community_safety_plan', id },
        'plan.read',
      );
      const plan = (await this.repo.find(m, c.localAuthorityId, id))!;
      await this.audit.record(
        {
          action: 'community_safety_plan.read',
          recordType: 'community_safety_plan',
          recordId: id,
          childIds: [plan.childId],
          metadata: c.viaShare ? { viaShare: true } : null,
        },
        m,
      );
      return this.views.plan(m, c, plan);
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<CommunitySafetyPlanResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(m, actor, { type: 'case', id: caseId }, 'plan.read');
      const plans = await this.repo.listForCase(m, c.localAuthorityId, caseId);
      await this.audit.record(
        {
          action: 'community_safety_plan.read',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
        },
        m,
      );
      const out: CommunitySafetyPlanResponse[] = [];
      for (const p of plans) out.push(await this.views.plan(m, c, p));
      return out;
    });
  }

  end(
    actor: Actor,
    id: string,
    dto: EndCommunitySafetyPlanDto,
  ): Promise<CommunitySafetyPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'community_safety_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'community_safety_plan.decide', {
        lock: true,
      });
      const plan = (await this.repo.find(m, c.localAuthorityId, id))!;
      if (plan.status === 'ended')
        throw conflict('plan_ended', 'the safety plan has already ended');
      const effectiveDate = dto.effectiveDate ?? this.clock.today();
      if (effectiveDate < plan.startedOn) {
        throw validationFailed(
          'effectiveDate',
          `cannot be before the plan started (${plan.startedOn})`,
        );
      }
      const decision = await this.decisions.recordIn(
        m,
        actor,
        c.caseId,
        decisionDto('end_community_safety_plan', dto.rationale, plan.childId, effectiveDate),
        { viaSafetyPlan: true },
      );
      await this.repo.end(m, c.localAuthorityId, id, effectiveDate, decision.id);
      await cspEvent(
        this.timeline,
        m,
        c,
        actor,
        id,
        'community_safety_plan_ended',
        'Child Community Safety Plan ended',
        {
          decisionId: decision.id,
          childIds: [plan.childId],
          effectiveDate,
        },
      );
      await this.audit.record(
        {
          action: 'community_safety_plan.end',
          recordType: 'community_safety_plan',
          recordId: id,
          childIds: [plan.childId],
          changes: {
            status: { before: 'active', after: 'ended' },
            endedOn: { before: null, after: effectiveDate },
          },
          metadata: { caseId: c.caseId, decisionId: decision.id },
        },
        m,
      );
      return this.views.plan(m, c, (await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }
}

function decisionDto(
  type: 'start_community_safety_plan' | 'end_community_safety_plan',
  rationale: string,
  childId: string,
  effectiveDate: string,
): RecordDecisionDto {
  return { type, rationale, childIds: [childId], effectiveDate } as RecordDecisionDto;
}
