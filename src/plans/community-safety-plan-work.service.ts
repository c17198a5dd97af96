import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { Clock, requireDateInRange } from 'src/common/clock';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { CommunitySafetyPlanRepository } from './community-safety-plan.repository';
import { cspEvent, CspViews } from './community-safety-plan.views';
import type { PlanReviewDto } from './dto/common.dto';
import {
  CommunitySafetyPlanResponse,
  CreateSafetyActionDto,
  SafetyActionResponse,
  UpdateSafetyActionDto,
} from './dto/community-safety-plan.dto';
import { PlanAccessService } from 'src/sharing/plan-access.service';
import { changeActionStatus, review } from './plan-rules';
import { orConflict } from './plan-writes';
import { SharingRepository } from 'src/sharing/sharing.repository';

/**
 * The work of an active safety plan: actions owned by agencies (added by the case's team or its
 * ECPP; updated by them or by partners of the owning agency) and reviews.
 */
@Injectable()
export class CommunitySafetyPlanWorkService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: PlanAccessService,
    private readonly repo: CommunitySafetyPlanRepository,
    private readonly sharing: SharingRepository,
    private readonly views: CspViews,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  addAction(actor: Actor, id: string, dto: CreateSafetyActionDto): Promise<SafetyActionResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'community_safety_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'community_safety_plan.contribute', {
        lock: true,
      });
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
      await cspEvent(
        this.timeline,
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
      const c = await this.access.require(m, actor, target, 'plan.action_update', { lock: true });
      const plan = (await this.repo.find(m, c.localAuthorityId, planId))!;
      const action = await this.repo.action(m, planId, actionId);
      if (!action) throw notFound('Action');
      if (action.version !== ifMatch) throw preconditionFailed();
      const status = orConflict(changeActionStatus(plan.status, action.status, dto.status));
      const saved = await this.repo.setActionStatus(m, planId, actionId, ifMatch, status);
      if (!saved) throw preconditionFailed();
      await cspEvent(
        this.timeline,
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
            ...(c.viaShare ? { viaShare: true } : {}),
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
      const c = await this.access.require(m, actor, target, 'community_safety_plan.contribute', {
        lock: true,
      });
      requireDateInRange('reviewedOn', dto.reviewedOn, this.clock.today(), null, '');
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
      await cspEvent(
        this.timeline,
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
      return this.views.plan(m, c, (await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }
}
