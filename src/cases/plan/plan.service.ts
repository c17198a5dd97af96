import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService, CaseContext } from 'src/access/access.service';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { TimelineService } from '../timeline.service';
import {
  CreateActionDto,
  CreateGoalDto,
  CreatePlanDto,
  CreateReviewDto,
  PlanActionDto,
  PlanActionResult,
  PlanResponse,
  UpdateActionDto,
  UpdateGoalDto,
  UpdatePlanDto,
} from './plan.dto';
import { actionOf, assertActionOwners } from './plan-actions';
import type { Change } from './plan-change';
import { PlanHead, PlanRepository } from './plan.repository';

/**
 * The case's Family Help plan: goals, actions (owned by a user or a named person) and reviews.
 * Every change bumps the plan's version (its ETag), and writes a timeline event and an audit
 * row in the same transaction. PATCHes need If-Match with the plan's ETag.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlanRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
  ) {}

  /** 400 naming `startedOn` unless it is on or before today and not before the referral. */
  private checkStart(startedOn: string, referralDate: string): void {
    requireDateInRange(
      'startedOn',
      startedOn,
      this.clock.today(),
      referralDate,
      "the episode's referral",
    );
  }

  async create(actor: Actor, caseId: string, dto: CreatePlanDto): Promise<PlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.plan', caseId, {
        lock: 'share',
        open: true,
      });
      const goals = dto.goals ?? [];
      const episode = await this.plans.openEpisode(m, c.localAuthorityId, caseId);
      const startedOn = dto.startedOn ?? this.clock.today();
      this.checkStart(startedOn, episode.referralDate);
      await assertActionOwners(
        this.plans,
        m,
        c.localAuthorityId,
        goals.flatMap((g, i) =>
          (g.actions ?? []).map((a, j) => ({ a, field: `goals.${i}.actions.${j}` })),
        ),
      );
      const planId = await this.plans.insertPlan(m, {
        caseId,
        la: c.localAuthorityId,
        nextReviewDate: dto.nextReviewDate ?? null,
        createdById: actor.id,
      });
      if (!planId) throw conflict('plan_exists', 'The case already has a Family Help plan');
      await this.plans.setStartedOn(m, c.localAuthorityId, episode.id, startedOn);
      for (const g of goals) {
        const goalId = await this.plans.insertGoal(m, planId, g.description);
        for (const a of g.actions ?? []) await this.plans.insertAction(m, planId, goalId, a);
      }
      await this.record(m, c, {
        type: 'family_help_plan_created',
        summary: `Family Help plan created with ${goals.length} goal(s)`,
        recordType: 'family_help_plan',
        recordId: planId,
        changes: {
          nextReviewDate: { before: null, after: dto.nextReviewDate ?? null },
          startedOn: { before: null, after: startedOn },
        },
      });
      return (await this.plans.full(m, caseId))!;
    });
  }

  async get(actor: Actor, caseId: string): Promise<PlanResponse> {
    const c = await this.access.requireCase(this.ds.manager, actor, 'case.read', caseId);
    const plan = await this.plans.full(this.ds.manager, caseId);
    if (!plan) throw notFound('Family Help plan');
    await this.audit.record({
      action: 'case.plan_read',
      recordType: 'family_help_plan',
      recordId: plan.id,
      childIds: c.childIds,
      metadata: { caseId },
    });
    return plan;
  }

  update(actor: Actor, caseId: string, version: number, dto: UpdatePlanDto) {
    return this.mutate(actor, caseId, version, async (m, c, plan) => {
      if (dto.nextReviewDate === undefined && dto.startedOn === undefined)
        throw validationFailed('nextReviewDate', 'is required (or startedOn)');
      const changes =
        dto.nextReviewDate !== undefined ? diffFields(plan, dto, ['nextReviewDate']) : {};
      const summary: string[] = [];
      if (dto.nextReviewDate !== undefined)
        summary.push(`next review set to ${dto.nextReviewDate}`);
      if (dto.startedOn !== undefined) {
        const episode = await this.plans.openEpisode(m, c.localAuthorityId, caseId);
        this.checkStart(dto.startedOn, episode.referralDate);
        await this.plans.setStartedOn(m, c.localAuthorityId, episode.id, dto.startedOn);
        if (episode.startedOn !== dto.startedOn)
          changes.startedOn = { before: episode.startedOn, after: dto.startedOn };
        summary.push(`${episode.startedOn ? 'start corrected' : 'started'} on ${dto.startedOn}`);
      }
      return {
        type: 'family_help_plan_updated',
        summary: `Family Help plan ${summary.join('; ')}`,
        recordType: 'family_help_plan',
        recordId: plan.id,
        changes,
        nextReviewDate: dto.nextReviewDate,
      };
    });
  }

  addGoal(actor: Actor, caseId: string, dto: CreateGoalDto) {
    return this.mutate(actor, caseId, null, async (m, _c, plan) => {
      const id = await this.plans.insertGoal(m, plan.id, dto.description);
      return {
        type: 'family_help_plan_goal_added',
        summary: 'Goal added to the Family Help plan',
        recordType: 'family_help_plan_goal',
        recordId: id,
        changes: { description: { before: null, after: dto.description.trim() } },
      };
    });
  }

  updateGoal(actor: Actor, caseId: string, goalId: string, version: number, dto: UpdateGoalDto) {
    return this.mutate(actor, caseId, version, async (m, _c, plan) => {
      const goal = await this.plans.goal(m, plan.id, goalId);
      if (!goal) throw notFound('Goal');
      const after = {
        description: dto.description?.trim() ?? goal.description,
        status: dto.status ?? goal.status,
      };
      await this.plans.updateGoal(m, goalId, after.description, after.status);
      return {
        type: 'family_help_plan_goal_updated',
        summary:
          dto.status && dto.status !== goal.status ? `Goal marked ${dto.status}` : 'Goal updated',
        recordType: 'family_help_plan_goal',
        recordId: goalId,
        changes: diffFields(goal, after, ['description', 'status']),
      };
    });
  }

  /** Adds an action; returns it (with the plan's new version), like the safety-plan routes. */
  async addAction(actor: Actor, caseId: string, dto: CreateActionDto): Promise<PlanActionResult> {
    let id = '';
    const plan = await this.mutate(actor, caseId, null, async (m, c, head) => {
      if (dto.goalId && !(await this.plans.goal(m, head.id, dto.goalId)))
        throw validationFailed('goalId', 'must be a goal of this plan');
      await assertActionOwners(this.plans, m, c.localAuthorityId, [{ a: dto, field: '' }]);
      id = await this.plans.insertAction(m, head.id, dto.goalId ?? null, dto);
      return {
        type: 'family_help_plan_action_added',
        summary: `Action added to the Family Help plan${dto.dueDate ? ` (due ${dto.dueDate})` : ''}`,
        recordType: 'family_help_plan_action',
        recordId: id,
        data: { goalId: dto.goalId ?? null },
      };
    });
    return actionOf(plan, id);
  }

  /** Changes an action (If-Match: the plan's version); returns it, like the safety-plan routes. */
  async updateAction(
    actor: Actor,
    caseId: string,
    actionId: string,
    version: number,
    dto: UpdateActionDto,
  ): Promise<PlanActionResult> {
    const updated = await this.mutate(actor, caseId, version, async (m, c, plan) => {
      const action = await this.plans.action(m, plan.id, actionId);
      if (!action) throw notFound('Action');
      // Naming a user replaces a named owner and vice versa.
      const after = {
        description: dto.description?.trim() ?? action.description,
        ownerUserId: dto.ownerUserId ?? (dto.ownerName ? null : action.ownerUserId),
        ownerName: dto.ownerName?.trim() ?? (dto.ownerUserId ? null : action.ownerName),
        dueDate: dto.dueDate ?? action.dueDate,
        status: dto.status ?? action.status,
      };
      if (dto.ownerUserId && dto.ownerName)
        throw validationFailed('ownerName', 'give ownerUserId or ownerName, not both');
      if (dto.ownerUserId)
        await assertActionOwners(this.plans, m, c.localAuthorityId, [
          { a: dto as PlanActionDto, field: '' },
        ]);
      await this.plans.updateAction(m, actionId, after);
      return {
        type: 'family_help_plan_action_updated',
        summary:
          dto.status && dto.status !== action.status
            ? `Action marked ${dto.status}`
            : 'Action updated',
        recordType: 'family_help_plan_action',
        recordId: actionId,
        changes: diffFields(action, after, [
          'description',
          'ownerUserId',
          'ownerName',
          'dueDate',
          'status',
        ]),
      };
    });
    return actionOf(updated, actionId);
  }

  addReview(actor: Actor, caseId: string, dto: CreateReviewDto) {
    return this.mutate(actor, caseId, null, async (m, _c, plan) => {
      const id = await this.plans.insertReview(m, plan.id, dto.date, dto.summary, actor.id);
      return {
        type: 'family_help_plan_reviewed',
        summary: `Family Help plan reviewed on ${dto.date}`,
        recordType: 'family_help_plan_review',
        recordId: id,
        data: { date: dto.date, nextReviewDate: dto.nextReviewDate ?? null },
        nextReviewDate: dto.nextReviewDate,
      };
    });
  }

  /** One change to an existing plan: locks it, checks If-Match (when given), applies `fn`,
   * bumps the version, writes the timeline event and the audit row. */
  private mutate(
    actor: Actor,
    caseId: string,
    version: number | null,
    fn: (m: EntityManager, c: CaseContext, plan: PlanHead) => Promise<Change>,
  ): Promise<PlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.plan', caseId, {
        lock: 'share',
        open: true,
      });
      const plan = await this.plans.head(m, caseId, true);
      if (!plan) throw notFound('Family Help plan');
      if (version !== null && plan.version !== version) throw preconditionFailed();
      const change = await fn(m, c, plan);
      await this.plans.bump(m, plan.id, null, change.nextReviewDate);
      await this.record(m, c, change);
      return (await this.plans.full(m, caseId))!;
    });
  }

  private async record(m: EntityManager, c: CaseContext, ch: Change): Promise<void> {
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: ch.type,
      summary: ch.summary,
      data: ch.data ?? null,
      recordType: ch.recordType,
      recordId: ch.recordId,
    });
    await this.audit.record(
      {
        action: `case.${ch.type}`,
        recordType: ch.recordType,
        recordId: ch.recordId,
        childIds: c.childIds,
        changes: ch.changes ?? null,
        metadata: { caseId: c.id, ...(ch.data ?? {}) },
      },
      m,
    );
  }
}
