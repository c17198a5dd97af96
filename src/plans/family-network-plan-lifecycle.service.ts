import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { Clock, requireDateInRange } from 'src/common/clock';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { forbidden, validationFailed } from 'src/common/domain-error';
import type { PlanReviewDto } from './dto/common.dto';
import {
  AgreeFamilyNetworkPlanDto,
  EndFamilyNetworkPlanDto,
  FamilyNetworkPlanResponse,
} from './dto/family-network-plan.dto';
import { FamilyNetworkPlanRepository } from './family-network-plan.repository';
import { FnpViews } from './family-network-plan.views';
import { fnpEvent, saveHead } from './family-network-plan.writes';
import { PlanAccessService, PlanContext } from 'src/sharing/plan-access.service';
import { AgreementRole, agree, isFullyAgreed, review, transition } from './plan-rules';
import { orConflict } from './plan-writes';

/**
 * A Family Network Plan's life after drafting: agreements (a Family Help manager of the case's
 * team, and on a case in child_protection or later the co-working ECPP), activation, reviews
 * (the family_network_plan_review timescale) and the end. Each with its timeline event and
 * audit row in one transaction.
 */
@Injectable()
export class FamilyNetworkPlanLifecycleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: PlanAccessService,
    private readonly repo: FamilyNetworkPlanRepository,
    private readonly views: FnpViews,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  agree(
    actor: Actor,
    id: string,
    dto: AgreeFamilyNetworkPlanDto,
  ): Promise<FamilyNetworkPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'family_network_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'family_network_plan.agree', {
        lock: true,
      });
      const role = agreementRole(actor, c, dto.as);
      const head = (await this.repo.head(m, c.localAuthorityId, id))!;
      const agreed = (await this.repo.agreements(m, id))
        .filter((a) => a.versionNumber === head.currentVersion)
        .map((a) => a.role);
      const status = orConflict(
        agree(
          {
            status: head.status,
            stage: c.stage,
            agreedRoles: agreed,
            awaiting: head.agreedVersion !== head.currentVersion,
          },
          role,
        ),
      );
      const fullyAgreed = isFullyAgreed(c.stage, [...agreed, role]);
      await this.repo.insertAgreement(m, id, head.currentVersion, role, actor.id);
      const summary = `Family Network Plan version ${head.currentVersion} agreed by the ${role === 'ecpp' ? 'ECPP' : 'Family Help manager'}`;
      await fnpEvent(this.timeline, m, c, actor, id, 'family_network_plan_agreement', summary, {
        version: head.currentVersion,
        role,
      });
      if (fullyAgreed) {
        await saveHead(this.repo, m, c, head, { status, agreedVersion: head.currentVersion });
        await fnpEvent(
          this.timeline,
          m,
          c,
          actor,
          id,
          'family_network_plan_agreed',
          'Family Network Plan agreed',
          {
            version: head.currentVersion,
            childIds: head.childIds,
          },
        );
      }
      await this.audit.record(
        {
          action: 'family_network_plan.agree',
          recordType: 'family_network_plan',
          recordId: id,
          childIds: c.childIds,
          changes:
            status === head.status ? null : { status: { before: head.status, after: status } },
          metadata: { caseId: c.caseId, version: head.currentVersion, role },
        },
        m,
      );
      return this.views.plan(m, c, id);
    });
  }

  activate(actor: Actor, id: string): Promise<FamilyNetworkPlanResponse> {
    return this.changeStatus(actor, id, 'active', null);
  }

  end(actor: Actor, id: string, dto: EndFamilyNetworkPlanDto): Promise<FamilyNetworkPlanResponse> {
    return this.changeStatus(actor, id, 'ended', dto.reason);
  }

  reviewPlan(actor: Actor, id: string, dto: PlanReviewDto): Promise<FamilyNetworkPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'family_network_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'family_network_plan.write', {
        lock: true,
      });
      requireDateInRange('reviewedOn', dto.reviewedOn, this.clock.today(), null, '');
      const head = (await this.repo.head(m, c.localAuthorityId, id))!;
      requireDateInRange(
        'reviewedOn',
        dto.reviewedOn,
        this.clock.today(),
        head.draftedOn,
        'the day the plan was drafted',
      );
      orConflict(review(head.status, dto.reviewedOn, dto.nextReviewDate));
      const r = await this.repo.insertReview(m, id, {
        dueDate: head.nextReviewDate,
        reviewedOn: dto.reviewedOn,
        summary: dto.summary,
        nextReviewDate: dto.nextReviewDate,
        recordedById: actor.id,
      });
      await saveHead(this.repo, m, c, head, { nextReviewDate: dto.nextReviewDate });
      await fnpEvent(
        this.timeline,
        m,
        c,
        actor,
        id,
        'family_network_plan_reviewed',
        `Family Network Plan reviewed on ${dto.reviewedOn}`,
        {
          reviewId: r.id,
          dueDate: head.nextReviewDate,
          nextReviewDate: dto.nextReviewDate,
        },
      );
      await this.audit.record(
        {
          action: 'family_network_plan.review',
          recordType: 'family_network_plan',
          recordId: id,
          childIds: c.childIds,
          changes: diffFields({ nextReviewDate: head.nextReviewDate }, dto, ['nextReviewDate']),
          metadata: { caseId: c.caseId, reviewId: r.id, reviewedOn: dto.reviewedOn },
        },
        m,
      );
      return this.views.plan(m, c, id);
    });
  }

  private changeStatus(
    actor: Actor,
    id: string,
    to: 'active' | 'ended',
    reason: string | null,
  ): Promise<FamilyNetworkPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'family_network_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'family_network_plan.write', {
        lock: true,
      });
      const head = (await this.repo.head(m, c.localAuthorityId, id))!;
      const status = orConflict(transition(head.status, to, c.stage));
      await saveHead(this.repo, m, c, head, {
        status,
        ...(to === 'active' ? { activated: true } : { endReason: reason ?? '' }),
      });
      const type = to === 'active' ? 'family_network_plan_activated' : 'family_network_plan_ended';
      const summary =
        to === 'active' ? 'Family Network Plan now active' : 'Family Network Plan ended';
      await fnpEvent(this.timeline, m, c, actor, id, type, summary, {
        version: head.currentVersion,
        childIds: head.childIds,
      });
      await this.audit.record(
        {
          action: to === 'active' ? 'family_network_plan.activate' : 'family_network_plan.end',
          recordType: 'family_network_plan',
          recordId: id,
          childIds: c.childIds,
          changes: { status: { before: head.status, after: status } },
          metadata: { caseId: c.caseId, ...(reason ? { reason } : {}) },
        },
        m,
      );
      return this.views.plan(m, c, id);
    });
  }
}

/** In which capacity the caller agrees (the verdict allowed at least one). */
function agreementRole(actor: Actor, c: PlanContext, as?: AgreementRole): AgreementRole {
  const can: AgreementRole[] = [];
  if (actor.roles.includes('family_help_manager') && c.relation.isTeamMember)
    can.push('family_help_manager');
  if (actor.roles.includes('ecpp') && c.relation.isCoWorker) can.push('ecpp');
  if (as) {
    if (!can.includes(as)) throw forbidden(`You cannot agree this plan as ${as}`);
    return as;
  }
  if (can.length > 1)
    throw validationFailed('as', 'say whether you agree as family_help_manager or ecpp');
  return can[0];
}
