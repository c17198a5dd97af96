import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock, requireDateAfter, requireDateInRange } from 'src/common/clock';
import { badRequest, preconditionFailed, validationFailed } from 'src/common/domain-error';
import {
  CreateFamilyNetworkPlanDto,
  FamilyNetworkPlanResponse,
  FamilyNetworkPlanVersionResponse,
  UpdateFamilyNetworkPlanDto,
} from './dto/family-network-plan.dto';
import type { PlanCarer, SupportPackage } from './family-network-plan-version.entity';
import { FamilyNetworkPlanRepository } from './family-network-plan.repository';
import { FnpViews } from './family-network-plan.views';
import { fnpEvent, saveHead } from './family-network-plan.writes';
import { PlanAccessService, PlanContext } from 'src/sharing/plan-access.service';
import { edit } from './plan-rules';
import { orConflict, requireChildrenOfCase } from './plan-writes';
import {
  CONTENT,
  definedFields,
  definedOf,
  pick,
  plainPackage,
} from './family-network-plan.fields';

/**
 * Family Network Plans: drafted by the case's Family Help team, agreed by a Family Help manager
 * (and on a child-protection case the co-working ECPP), activated, reviewed, ended. Every edit
 * is a new version that needs fresh agreement. Each change writes its timeline event and audit
 * row in the same transaction.
 */
@Injectable()
export class FamilyNetworkPlanService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: PlanAccessService,
    private readonly repo: FamilyNetworkPlanRepository,
    private readonly views: FnpViews,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(
    actor: Actor,
    caseId: string,
    dto: CreateFamilyNetworkPlanDto,
  ): Promise<FamilyNetworkPlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(
        m,
        actor,
        { type: 'case', id: caseId },
        'family_network_plan.write',
        { lock: true, open: true },
      );
      const draftedOn = dto.draftedOn ?? this.clock.today();
      requireDateInRange(
        'draftedOn',
        draftedOn,
        this.clock.today(),
        c.referralDate,
        'the referral',
      );
      requireDateAfter('reviewDate', dto.reviewDate, draftedOn, 'the day the plan was drafted');
      const content = await this.checkContent(m, c, dto);
      const id = await this.repo.insertPlan(m, c.localAuthorityId, {
        caseId,
        childIds: content.childIds,
        nextReviewDate: content.reviewDate,
        draftedOn,
        createdById: actor.id,
      });
      await this.repo.insertVersion(m, id, { number: 1, ...content, createdById: actor.id });
      await fnpEvent(
        this.timeline,
        m,
        c,
        actor,
        id,
        'family_network_plan_drafted',
        'Family Network Plan drafted',
        {
          version: 1,
        },
      );
      await this.audit.record(
        {
          action: 'family_network_plan.create',
          recordType: 'family_network_plan',
          recordId: id,
          childIds: content.childIds,
          changes: diffFields({}, content, [...CONTENT]),
          metadata: { caseId, version: 1 },
        },
        m,
      );
      return this.views.plan(m, c, id);
    });
  }

  get(actor: Actor, id: string): Promise<FamilyNetworkPlanResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(
        m,
        actor,
        { type: 'family_network_plan', id },
        'plan.read',
      );
      await this.auditRead(m, c, id, 'plan');
      return this.views.plan(m, c, id);
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<FamilyNetworkPlanResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(m, actor, { type: 'case', id: caseId }, 'plan.read');
      const heads = await this.repo.listForCase(m, c.localAuthorityId, caseId);
      await this.audit.record(
        {
          action: 'family_network_plan.read',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
        },
        m,
      );
      const out: FamilyNetworkPlanResponse[] = [];
      for (const h of heads) out.push(await this.views.plan(m, c, h.id));
      return out;
    });
  }

  versions(actor: Actor, id: string): Promise<FamilyNetworkPlanVersionResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.require(
        m,
        actor,
        { type: 'family_network_plan', id },
        'plan.read',
      );
      await this.auditRead(m, c, id, 'versions');
      return this.views.versions(m, c, id);
    });
  }

  update(
    actor: Actor,
    id: string,
    ifMatch: number,
    dto: UpdateFamilyNetworkPlanDto,
  ): Promise<FamilyNetworkPlanResponse> {
    return this.ds.transaction(async (m) => {
      const target = { type: 'family_network_plan' as const, id };
      const c = await this.access.require(m, actor, target, 'family_network_plan.write', {
        lock: true,
      });
      const head = await this.requireHead(m, c, id, ifMatch);
      if (CONTENT.every((f) => dto[f] === undefined)) {
        throw badRequest('nothing_to_change', 'give at least one of ' + CONTENT.join(', '));
      }
      const next = orConflict(edit({ ...head, stage: c.stage }));
      if (dto.reviewDate !== undefined && dto.reviewDate !== head.nextReviewDate) {
        if (head.draftedOn) {
          requireDateAfter(
            'reviewDate',
            dto.reviewDate,
            head.draftedOn,
            'the day the plan was drafted',
          );
        }
        if (dto.reviewDate < this.clock.today()) {
          throw validationFailed(
            'reviewDate',
            `${dto.reviewDate} is in the past (today is ${this.clock.today()})`,
          );
        }
      }
      const current = (await this.repo.version(m, id, head.currentVersion))!;
      // The plan's review date now is the head's (a review moves it on without a new version).
      const before = { ...pick(current), reviewDate: head.nextReviewDate };
      // A support package given is merged field by field into the current one (one-off costs
      // and the other fields not given are kept); the other fields given replace the current.
      const content = await this.checkContent(m, c, {
        ...before,
        ...definedOf(dto),
        supportPackage: dto.supportPackage
          ? { ...before.supportPackage, ...definedFields(dto.supportPackage) }
          : before.supportPackage,
      });
      await this.repo.insertVersion(m, id, {
        number: next.versionNumber,
        ...content,
        createdById: actor.id,
      });
      await saveHead(this.repo, m, c, head, {
        status: next.status,
        currentVersion: next.versionNumber,
        childIds: content.childIds,
        nextReviewDate: content.reviewDate,
      });
      const summary = `Family Network Plan changed: version ${next.versionNumber} needs agreement`;
      await fnpEvent(this.timeline, m, c, actor, id, 'family_network_plan_revised', summary, {
        version: next.versionNumber,
        statusBefore: head.status,
      });
      await this.audit.record(
        {
          action: 'family_network_plan.update',
          recordType: 'family_network_plan',
          recordId: id,
          childIds: content.childIds,
          changes: diffFields(before, content, [...CONTENT]),
          metadata: { caseId: c.caseId, version: next.versionNumber, statusBefore: head.status },
        },
        m,
      );
      return this.views.plan(m, c, id);
    });
  }

  private async requireHead(m: EntityManager, c: PlanContext, id: string, ifMatch: number) {
    const head = (await this.repo.head(m, c.localAuthorityId, id))!;
    if (head.version !== ifMatch) throw preconditionFailed();
    return head;
  }

  /** Children of the case; carers are network members of the case's family. */
  private async checkContent(
    m: EntityManager,
    c: PlanContext,
    dto: {
      childIds: string[];
      carers: PlanCarer[];
      supportPackage: SupportPackage;
      reviewDate: string;
    },
  ) {
    requireChildrenOfCase('childIds', dto.childIds, c.caseChildIds);
    const ids = dto.carers.map((x) => x.networkMemberId);
    if (new Set(ids).size !== ids.length) {
      throw validationFailed('carers', 'each network member is named once');
    }
    const known = await this.repo.networkMembers(m, c.localAuthorityId, c.caseId, ids);
    const i = ids.findIndex((id) => !known.some((k) => k.id === id));
    if (i >= 0) {
      throw validationFailed(
        `carers.${i}.networkMemberId`,
        "not in the family network of this case's family",
      );
    }
    return {
      childIds: dto.childIds,
      carers: dto.carers.map((x) => ({
        networkMemberId: x.networkMemberId,
        arrangement: x.arrangement,
      })),
      supportPackage: plainPackage(dto.supportPackage),
      reviewDate: dto.reviewDate,
    };
  }

  private async auditRead(m: EntityManager, c: PlanContext, id: string, view: string) {
    await this.audit.record(
      {
        action: 'family_network_plan.read',
        recordType: 'family_network_plan',
        recordId: id,
        childIds: c.childIds,
        metadata: { view, ...(c.viaShare ? { viaShare: true } : {}) },
      },
      m,
    );
  }
}
