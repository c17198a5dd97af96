import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, preconditionFailed, validationFailed } from 'src/common/domain-error';
import type { RecordDecisionDto } from 'src/decisions/dto/decision.dto';
import { DecisionService } from 'src/decisions/decision.service';
import { todayIso } from 'src/timescales/working-days';
import { CommunitySafetyPlanRepository, CspRow } from './community-safety-plan.repository';
import type { PlanReviewDto } from './dto/common.dto';
import {
  CommunitySafetyPlanResponse,
  CreateSafetyActionDto,
  EndCommunitySafetyPlanDto,
  SafetyActionResponse,
  StartCommunitySafetyPlanDto,
  UpdateSafetyActionDto,
} from './dto/community-safety-plan.dto';
import { PlanAccessService, PlanContext } from './plan-access.service';
import { changeActionStatus, review } from './plan-rules';
import { orConflict, requireChildrenOfCase, requireNotFuture } from './plan-writes';
import { SharingRepository } from './sharing.repository';

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
    private readonly sharing: SharingRepository,
    private readonly decisions: DecisionService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  start(
    actor: Actor,
    caseId: string,
    dto: StartCommunitySafetyPlanDto,
  ): Promise<CommunitySafetyPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'case' as const, id: caseId };
      const c = await this.access.require(m, actor, target, 'decide', { lock: true });
      requireChildrenOfCase('childId', [dto.childId], c.caseChildIds);
      const effectiveDate = dto.effectiveDate ?? todayIso();
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
      await this.event(
        m,
        c,
        actor,
        plan.id,
        'community_safety_plan_started',
        'Child Community Safety Plan started',
        {
          decisionId: decision.id,
          childId: dto.childId,
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
      return this.view(m, c, plan);
    });
  }

  get(actor: Actor, id: string): Promise<CommunitySafetyPlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(m, actor, { type: 'community_safety_plan', id }, 'read');
      const plan = (await this.repo.find(m, c.localAuthorityId, id))!;
      await this.audit.record(
        {
          action: 'community_safety_plan.read',
          recordType: 'community_safety_plan',
          recordId: id,
          childIds: [plan.childId],
          metadata: c.viaShare ? { viaShareId: c.viaShare.shareId } : null,
        },
        m,
      );
      return this.view(m, c, plan);
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<CommunitySafetyPlanResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(m, actor, { type: 'case', id: caseId }, 'read');
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
      for (const p of plans) out.push(await this.view(m, c, p));
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
      const c = await this.access.require(m, actor, target, 'decide', { lock: true });
      const plan = (await this.repo.find(m, c.localAuthorityId, id))!;
      if (plan.status === 'ended')
        throw conflict('plan_ended', 'the safety plan has already ended');
      const effectiveDate = dto.effectiveDate ?? todayIso();
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
      await this.event(
        m,
        c,
        actor,
        id,
        'community_safety_plan_ended',
        'Child Community Safety Plan ended',
        {
          decisionId: decision.id,
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
      return this.view(m, c, (await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }

  addAction(actor: Actor, id: string, dto: CreateSafetyActionDto): Promise<SafetyActionResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'community_safety_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'contribute', { lock: true });
      const plan = (await this.repo.find(m, c.localAuthorityId, id))!;
      if (plan.status === 'ended') throw conflict('plan_ended', 'the safety plan has ended');
      if (dto.ownerUserId) {
        const owner = await this.sharing.findUser(m, c.localAuthorityId, dto.ownerUserId);
        if (!owner || !owner.active) {
          throw validationFailed('ownerUserId', 'must be an active user of this local authority');
        }
        if (owner.isPartner && owner.agency !== dto.agency) {
          throw validationFailed(
            'ownerUserId',
            `a partner owner must be of the ${dto.agency} agency`,
          );
        }
      }
      const action = await this.repo.insertAction(m, id, {
        agency: dto.agency,
        description: dto.description,
        dueDate: dto.dueDate,
        ownerUserId: dto.ownerUserId ?? null,
        createdById: actor.id,
      });
      await this.event(
        m,
        c,
        actor,
        id,
        'community_safety_plan_action_added',
        `Safety plan action for ${dto.agency} due ${dto.dueDate}`,
        {
          actionId: action.id,
          agency: dto.agency,
        },
      );
      await this.audit.record(
        {
          action: 'community_safety_plan.action_add',
          recordType: 'community_safety_plan_action',
          recordId: action.id,
          childIds: [plan.childId],
          changes: diffFields({}, action, ['agency', 'description', 'dueDate', 'ownerUserId']),
          metadata: { caseId: c.caseId, planId: id },
        },
        m,
      );
      return action;
    });
  }

  updateAction(
    actor: Actor,
    planId: string,
    actionId: string,
    ifMatch: number,
    dto: UpdateSafetyActionDto,
  ): Promise<SafetyActionResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'community_safety_plan_action' as const, id: actionId, planId };
      const c = await this.access.require(m, actor, target, 'update_action', { lock: true });
      const plan = (await this.repo.find(m, c.localAuthorityId, planId))!;
      const action = (await this.repo.action(m, planId, actionId))!;
      if (action.version !== ifMatch) throw preconditionFailed();
      const status = orConflict(changeActionStatus(plan.status, action.status, dto.status));
      const saved = await this.repo.setActionStatus(m, planId, actionId, ifMatch, status);
      if (!saved) throw preconditionFailed();
      await this.event(
        m,
        c,
        actor,
        planId,
        'community_safety_plan_action_updated',
        `Safety plan action (${action.agency}) now ${status}`,
        {
          actionId,
          from: action.status,
          to: status,
        },
      );
      await this.audit.record(
        {
          action: 'community_safety_plan.action_update',
          recordType: 'community_safety_plan_action',
          recordId: actionId,
          childIds: [plan.childId],
          changes: { status: { before: action.status, after: status } },
          metadata: {
            caseId: c.caseId,
            planId,
            ...(c.viaShare ? { viaShareId: c.viaShare.shareId } : {}),
          },
        },
        m,
      );
      return saved;
    });
  }

  addReview(actor: Actor, id: string, dto: PlanReviewDto): Promise<CommunitySafetyPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'community_safety_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'contribute', { lock: true });
      requireNotFuture('reviewedOn', dto.reviewedOn);
      const plan = (await this.repo.find(m, c.localAuthorityId, id))!;
      orConflict(review(plan.status, dto.reviewedOn, dto.nextReviewDate));
      if (dto.reviewedOn < plan.startedOn) {
        throw validationFailed(
          'reviewedOn',
          `cannot be before the plan started (${plan.startedOn})`,
        );
      }
      const r = await this.repo.insertReview(m, id, { ...dto, recordedById: actor.id });
      await this.repo.setReviewDate(m, c.localAuthorityId, id, dto.nextReviewDate);
      await this.event(
        m,
        c,
        actor,
        id,
        'community_safety_plan_reviewed',
        `Child Community Safety Plan reviewed on ${dto.reviewedOn}`,
        {
          reviewId: r.id,
          nextReviewDate: dto.nextReviewDate,
        },
      );
      await this.audit.record(
        {
          action: 'community_safety_plan.review',
          recordType: 'community_safety_plan',
          recordId: id,
          childIds: [plan.childId],
          changes: diffFields({ reviewDate: plan.reviewDate }, { reviewDate: dto.nextReviewDate }, [
            'reviewDate',
          ]),
          metadata: { caseId: c.caseId, reviewId: r.id, reviewedOn: dto.reviewedOn },
        },
        m,
      );
      return this.view(m, c, (await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }

  /** The plan's own content; a partner's view has no case or decision ids (no rationale ever). */
  private async view(
    m: EntityManager,
    c: PlanContext,
    p: CspRow,
  ): Promise<CommunitySafetyPlanResponse> {
    const [child] = await this.sharing.children(m, c.localAuthorityId, [p.childId]);
    const { caseId, startDecisionId, endDecisionId, ...content } = p;
    return {
      ...content,
      ...(c.viaShare ? {} : { caseId, startDecisionId, endDecisionId }),
      child,
      actions: await this.repo.actions(m, p.id),
      reviews: await this.repo.reviews(m, p.id),
    };
  }

  private event(
    m: EntityManager,
    c: PlanContext,
    actor: Actor,
    planId: string,
    type: string,
    summary: string,
    data: Record<string, unknown>,
  ) {
    return this.timeline.append(m, {
      caseId: c.caseId,
      localAuthorityId: c.localAuthorityId,
      type,
      summary,
      data: { planId, ...data },
      recordType: 'community_safety_plan',
      recordId: planId,
      actor,
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
