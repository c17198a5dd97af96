/**
 * The training loader's plan events (docs/scenarios.md): FGDM meetings, Family Network Plans,
 * Child Community Safety Plans and partner shares, applied through the ordinary services
 * (`src/plans`, `src/sharing`) with the API's DTO validation, exactly as the API would.
 */
import type { ModuleRef } from '@nestjs/core';
import type { Actor } from 'src/access/actor';
import { RECORD_KINDS, sharedKinds, type RecordKindDecl } from 'src/common/record-kind';
import { validateBody } from 'src/common/validate-body';
import type { IsoDate } from 'src/common/working-days';
import { CommunitySafetyPlanWorkService } from 'src/plans/community-safety-plan-work.service';
import { CommunitySafetyPlanService } from 'src/plans/community-safety-plan.service';
import { PlanReviewDto } from 'src/plans/dto/common.dto';
import {
  CreateSafetyActionDto,
  EndCommunitySafetyPlanDto,
  StartCommunitySafetyPlanDto,
  UpdateSafetyActionDto,
} from 'src/plans/dto/community-safety-plan.dto';
import {
  AgreeFamilyNetworkPlanDto,
  CreateFamilyNetworkPlanDto,
  EndFamilyNetworkPlanDto,
  UpdateFamilyNetworkPlanDto,
} from 'src/plans/dto/family-network-plan.dto';
import { RecordFgdmMeetingDto } from 'src/plans/dto/fgdm.dto';
import { FamilyNetworkPlanLifecycleService } from 'src/plans/family-network-plan-lifecycle.service';
import { FamilyNetworkPlanService } from 'src/plans/family-network-plan.service';
import { FgdmService } from 'src/plans/fgdm.service';
import { AddPartnerDto } from 'src/sharing/dto/sharing.dto';
import type { SharedRecordType } from 'src/sharing/information-sharing-record.entity';
import { SharingService } from 'src/sharing/sharing.service';
import { resolveScenarioDate } from './scenario-dates';
import type { ScenarioEvent } from './scenario-format';
import type { LoadState } from './scenario-load.types';

export class PlanEvents {
  constructor(
    private readonly modules: ModuleRef,
    private readonly st: LoadState,
  ) {}

  private svc<T>(cls: new (...args: never[]) => T): T {
    return this.modules.get(cls, { strict: false });
  }

  /** The record type a share names: the kind partners may be named on whose declared training
   * events include the event that created the record (the record-kind registry). */
  private sharedTypeOf(record: string): SharedRecordType | undefined {
    const created = this.st.refKinds.get(record);
    const kinds = this.modules.get<symbol, readonly RecordKindDecl[]>(RECORD_KINDS, {
      strict: false,
    });
    const kind = sharedKinds(kinds).find((k) => created && k.trainingEvents?.includes(created));
    return kind?.name as SharedRecordType | undefined;
  }

  private date(value: string): IsoDate {
    return resolveScenarioDate(value, this.st.today);
  }

  private ids(keys: readonly string[]): string[] {
    return keys.map((k) => this.st.people.get(k) as string);
  }

  /** Applies one plan event as `actor`; returns the id of what it created (for `ref`). */
  async run(
    e: ScenarioEvent,
    actor: Actor,
    kase: { id: string; childIds: string[] },
    on: IsoDate,
  ): Promise<string | null> {
    const ref = (k: string) => this.st.refs.get(k) as string;
    const fnp = async (p: Promise<{ id: string; version: number }>) => {
      const plan = await p;
      this.st.versions.set(plan.id, plan.version);
      return plan.id;
    };
    switch (e.do) {
      case 'fgdm_meeting': {
        const body = {
          date: on,
          coordinator: e.coordinator,
          ...(e.children ? { childIds: this.ids(e.children) } : {}),
          attendees: {
            familyMemberIds: this.ids(e.attendees.family ?? []),
            networkMemberIds: this.ids(e.attendees.network ?? []),
            professionals: e.attendees.professionals ?? [],
          },
          ...(e.familyPlan ? { familyPlan: e.familyPlan } : {}),
          ...(e.familyPlanItems ? { familyPlanItems: e.familyPlanItems } : {}),
        };
        const dto = validateBody(RecordFgdmMeetingDto, body);
        return (await this.svc(FgdmService).record(actor, kase.id, dto)).id;
      }
      case 'family_network_plan': {
        const body = {
          childIds: e.children ? this.ids(e.children) : kase.childIds,
          carers: this.carers(e.carers),
          supportPackage: e.supportPackage,
          reviewDate: this.date(e.reviewDate),
          draftedOn: on,
        };
        const dto = validateBody(CreateFamilyNetworkPlanDto, body);
        return fnp(this.svc(FamilyNetworkPlanService).create(actor, kase.id, dto));
      }
      case 'change_family_network_plan': {
        const id = ref(e.plan);
        const body = {
          ...(e.children ? { childIds: this.ids(e.children) } : {}),
          ...(e.carers ? { carers: this.carers(e.carers) } : {}),
          ...(e.supportPackage ? { supportPackage: e.supportPackage } : {}),
          ...(e.reviewDate ? { reviewDate: this.date(e.reviewDate) } : {}),
        };
        const dto = validateBody(UpdateFamilyNetworkPlanDto, body);
        const ifMatch = this.st.versions.get(id) as number;
        return fnp(this.svc(FamilyNetworkPlanService).update(actor, id, ifMatch, dto));
      }
      case 'agree_family_network_plan': {
        const dto = validateBody(AgreeFamilyNetworkPlanDto, e.as ? { as: e.as } : {});
        return fnp(this.svc(FamilyNetworkPlanLifecycleService).agree(actor, ref(e.plan), dto));
      }
      case 'activate_family_network_plan':
        return fnp(this.svc(FamilyNetworkPlanLifecycleService).activate(actor, ref(e.plan)));
      case 'review_family_network_plan': {
        const body = {
          reviewedOn: on,
          summary: e.summary,
          nextReviewDate: this.date(e.nextReview),
        };
        const dto = validateBody(PlanReviewDto, body);
        return fnp(this.svc(FamilyNetworkPlanLifecycleService).reviewPlan(actor, ref(e.plan), dto));
      }
      case 'end_family_network_plan': {
        const dto = validateBody(EndFamilyNetworkPlanDto, { reason: e.reason });
        return fnp(this.svc(FamilyNetworkPlanLifecycleService).end(actor, ref(e.plan), dto));
      }
      case 'start_community_safety_plan': {
        const body = {
          childId: this.st.people.get(e.child),
          harmTypes: e.harmTypes,
          contexts: e.contexts,
          ...(e.personsOfConcern ? { personsOfConcern: e.personsOfConcern } : {}),
          reviewDate: this.date(e.reviewDate),
          rationale: e.rationale,
          effectiveDate: on,
        };
        const dto = validateBody(StartCommunitySafetyPlanDto, body);
        return (await this.svc(CommunitySafetyPlanService).start(actor, kase.id, dto)).id;
      }
      case 'safety_plan_action': {
        const planId = ref(e.plan);
        const body = {
          agency: e.agency,
          description: e.description,
          dueDate: this.date(e.due),
          ...(e.owner ? { ownerUserId: this.st.users.get(e.owner)?.id } : {}),
        };
        const dto = validateBody(CreateSafetyActionDto, body);
        const action = await this.svc(CommunitySafetyPlanWorkService).addAction(actor, planId, dto);
        this.st.versions.set(action.id, action.version);
        this.st.actionPlans.set(action.id, planId);
        return action.id;
      }
      case 'update_safety_plan_action': {
        const id = ref(e.action);
        const dto = validateBody(UpdateSafetyActionDto, { status: e.status });
        const planId = this.st.actionPlans.get(id) as string;
        const ifMatch = this.st.versions.get(id) as number;
        const saved = await this.svc(CommunitySafetyPlanWorkService).updateAction(
          actor,
          planId,
          id,
          ifMatch,
          dto,
        );
        this.st.versions.set(id, saved.version);
        return id;
      }
      case 'review_community_safety_plan': {
        const body = {
          reviewedOn: on,
          summary: e.summary,
          nextReviewDate: this.date(e.nextReview),
        };
        const dto = validateBody(PlanReviewDto, body);
        await this.svc(CommunitySafetyPlanWorkService).addReview(actor, ref(e.plan), dto);
        return null;
      }
      case 'end_community_safety_plan': {
        const dto = validateBody(EndCommunitySafetyPlanDto, {
          rationale: e.rationale,
          effectiveDate: on,
        });
        return (await this.svc(CommunitySafetyPlanService).end(actor, ref(e.plan), dto)).id;
      }
      case 'share': {
        const type = this.sharedTypeOf(e.record);
        const body = {
          userId: this.st.users.get(e.with)?.id,
          lawfulBasis: e.lawfulBasis,
          ...(e.what ? { what: e.what } : {}),
        };
        const dto = validateBody(AddPartnerDto, body);
        const shared = await this.svc(SharingService).share(
          actor,
          type as SharedRecordType,
          ref(e.record),
          dto,
        );
        return shared.id;
      }
      case 'end_share': {
        const type = this.sharedTypeOf(e.record);
        const userId = this.st.users.get(e.with)?.id as string;
        const ended = await this.svc(SharingService).unshare(
          actor,
          type as SharedRecordType,
          ref(e.record),
          userId,
        );
        return ended.id;
      }
      default:
        throw new Error(`event kind ${e.do} has no runner`);
    }
  }

  private carers(list: readonly { member: string; arrangement: string }[]) {
    return list.map((c) => ({
      networkMemberId: this.st.people.get(c.member),
      arrangement: c.arrangement,
    }));
  }
}
