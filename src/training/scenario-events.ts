/**
 * What each scenario event does: the same service call, with the same DTO validation and the
 * same route permission, as the API request it stands for. A scenario therefore cannot record
 * anything the API would refuse.
 */
import type { ModuleRef } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import type { Actor } from 'src/access/actor';
import { isGranted, type Permission } from 'src/access/permissions';
import { RECORD_KINDS, sharedKinds, type RecordKindDecl } from 'src/common/record-kind';
import { ActivityService } from 'src/activities/activity.service';
import { RecordMeetingDto, RecordVisitDto } from 'src/activities/dto/activity.dto';
import { AssessmentService } from 'src/assessments/assessment.service';
import {
  CompleteAssessmentRecordDto,
  StartAssessmentDto,
} from 'src/assessments/dto/assessment.dto';
import { CaseLifecycleService } from 'src/cases/case-lifecycle.service';
import { CaseService } from 'src/cases/case.service';
import { CloseCaseDto, CreateCaseDto } from 'src/cases/dto/case.dto';
import { CreateNoteDto } from 'src/cases/notes/note.dto';
import { NoteService } from 'src/cases/notes/note.service';
import { CreatePlanDto, CreateReviewDto } from 'src/cases/plan/plan.dto';
import { PlanService } from 'src/cases/plan/plan.service';
import { forbidden } from 'src/common/domain-error';
import { currentContext, runInContext, type RequestContext } from 'src/common/request-context';
import { validateBody } from 'src/common/validate-body';
import { CoWorkingService } from 'src/co-working/co-working.service';
import { AssignCoWorkerDto, RaiseConcernDto } from 'src/co-working/dto/co-working.dto';
import { DecisionRequestService } from 'src/decisions/decision-request.service';
import { DecisionService } from 'src/decisions/decision.service';
import { ConferenceService } from 'src/conferences/conference.service';
import {
  RecordHeldDto,
  RecordOutcomeDto,
  ScheduleConferenceDto,
} from 'src/conferences/dto/conference.dto';
import { RequestDecisionDto } from 'src/decisions/dto/decision-request.dto';
import { ChallengeDecisionDto, RecordDecisionDto } from 'src/decisions/dto/decision.dto';
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
import { AddPartnerDto } from 'src/sharing/dto/sharing.dto';
import { FamilyNetworkPlanLifecycleService } from 'src/plans/family-network-plan-lifecycle.service';
import { FamilyNetworkPlanService } from 'src/plans/family-network-plan.service';
import { FgdmService } from 'src/plans/fgdm.service';
import type { SharedRecordType } from 'src/sharing/information-sharing-record.entity';
import { SharingService } from 'src/sharing/sharing.service';
import { type IsoDate, compareDates } from 'src/common/working-days';
import { ContactService } from 'src/front-door/contact.service';
import { runContactEvent } from './scenario-contacts';
import { resolveScenarioDate } from './scenario-dates';
import { MultiAgencyEvents } from './scenario-multi-agency';
import type { EventOf, ScenarioEvent } from './scenario-format';

/** The route permission each event kind needs (the `@Can` of the matching endpoint). */
export const EVENT_PERMISSIONS: Record<ScenarioEvent['do'], Permission> = {
  referral: 'case.create',
  note: 'case.note',
  assessment_completed: 'assessment.record',
  family_help_plan: 'case.plan',
  plan_review: 'case.plan',
  concern: 'concern.raise',
  assign_ecpp: 'coworker.assign',
  decision_request: 'decision.request',
  decision: 'decision.record',
  schedule_conference: 'conference.schedule',
  conference_outcome: 'conference.chair',
  challenge: 'decision.challenge',
  meeting: 'activity.record',
  visit: 'activity.record',
  close_case: 'case.close',
  fgdm_meeting: 'fgdm.record',
  family_network_plan: 'family_network_plan.write',
  change_family_network_plan: 'family_network_plan.write',
  agree_family_network_plan: 'family_network_plan.agree',
  activate_family_network_plan: 'family_network_plan.write',
  review_family_network_plan: 'family_network_plan.write',
  end_family_network_plan: 'family_network_plan.write',
  start_community_safety_plan: 'community_safety_plan.decide',
  safety_plan_action: 'community_safety_plan.contribute',
  update_safety_plan_action: 'plan.action_update',
  review_community_safety_plan: 'community_safety_plan.contribute',
  end_community_safety_plan: 'community_safety_plan.decide',
  share: 'plan.share',
  end_share: 'plan.share',
  strategy_discussion_request: 'strategy_discussion.request',
  strategy_discussion: 'strategy_discussion.run',
  hold_strategy_discussion: 'strategy_discussion.run',
  conclude_strategy_discussion: 'strategy_discussion.run',
  information_request: 'information_request.send',
  answer_request: 'information_request.respond',
  decline_request: 'information_request.respond',
  contact: 'contact.create',
  contact_decision: 'contact.screen',
  contact_authorisation: 'contact.authorise',
  contact_feedback: 'contact.screen',
};

/** What the loader knows while it applies events: scenario keys → ids. */
export interface LoadState {
  today: IsoDate;
  users: Map<string, { id: string }>;
  teams: Map<string, string>;
  people: Map<string, string>;
  families: Map<string, string>;
  cases: Map<string, { id: string; childIds: string[] }>;
  refs: Map<string, string>;
  /** The event kind that created each ref (a share's record type). */
  refKinds: Map<string, ScenarioEvent['do']>;
  /** Each scenario user as an actor (an event's second actor, e.g. an assessment's authoriser). */
  actors: Map<string, Actor>;
  /** Row versions (ETags) of Family Network Plans and safety-plan actions, by id: what an
   * API client would send as If-Match. */
  versions: Map<string, number>;
  /** The safety plan of each action, by action id. */
  actionPlans: Map<string, string>;
}

/** True when the API's DTO for this body declares `field` (e.g. a concern's `raisedOn`). */
function accepts(cls: new () => object, field: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .some((m) => m.propertyName === field);
}

export class EventRunner {
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

  /** `POST /cases/:id/assessments`, `POST /assessments/:id/completion` as `by`, then
   * `POST /assessments/:id/authorisation` as `authorisedBy`, whose own permission and record
   * rule (the team's manager, or the co-working ECPP in child protection) are checked. */
  private async assessment(
    e: EventOf<'assessment_completed'>,
    kase: { id: string; childIds: string[] },
    on: IsoDate,
    actor: Actor,
  ): Promise<string> {
    const assessments = this.svc(AssessmentService);
    const started = await assessments.start(
      actor,
      kase.id,
      validateBody(StartAssessmentDto, {
        childIds: kase.childIds,
        startedOn: e.started ? this.date(e.started) : on,
      }),
    );
    await assessments.complete(
      actor,
      started.id,
      validateBody(CompleteAssessmentRecordDto, {
        completedOn: on,
        outcome: e.outcome ?? 'family_help_plan',
        ...(e.lateReason ? { lateReason: e.lateReason } : {}),
      }),
    );
    const authoriser = this.st.actors.get(e.authorisedBy) as Actor;
    if (!isGranted(authoriser, 'assessment.authorise'))
      throw forbidden(
        `${e.authorisedBy}'s roles (${authoriser.roles.join(', ')}) do not allow authorising an assessment`,
      );
    await runInContext({ ...(currentContext() as RequestContext), actor: authoriser }, () =>
      assessments.authorise(authoriser, started.id),
    );
    return started.id;
  }

  /** Applies one event as `actor`; returns the id of what it created (for `ref`). */
  async run(e: ScenarioEvent, actor: Actor): Promise<string | null> {
    if (!isGranted(actor, EVENT_PERMISSIONS[e.do]))
      throw forbidden(`${e.by}'s roles (${actor.roles.join(', ')}) do not allow ${e.do}`);
    if (e.do === 'referral') return this.referral(e, actor);
    const kase = this.st.cases.get(e.case) as { id: string; childIds: string[] };
    const on = this.date(e.on);
    switch (e.do) {
      case 'note': {
        // `recordedAt` is checked against the wall clock (not the app's Clock): a date the clock
        // has not reached (a test's fixed TANDEM_TODAY) is left to default to now.
        const at = `${on}T10:00:00.000Z`;
        const past = compareDates(on, this.st.today) < 0 && Date.parse(at) <= Date.now();
        const body = { body: e.body, ...(past ? { recordedAt: at } : {}) };
        return (
          await this.svc(NoteService).create(actor, kase.id, validateBody(CreateNoteDto, body))
        ).id;
      }
      case 'assessment_completed':
        return this.assessment(e, kase, on, actor);
      case 'family_help_plan': {
        const body = {
          goals: e.goals.map((g) => ({
            description: g.description,
            actions: g.actions?.map((a) => ({
              description: a.description,
              ...(a.owner ? { ownerUserId: this.st.users.get(a.owner)?.id } : {}),
              ...(a.ownerName ? { ownerName: a.ownerName } : {}),
              ...(a.due ? { dueDate: this.date(a.due) } : {}),
              ...(a.status ? { status: a.status } : {}),
            })),
          })),
          ...(e.nextReview ? { nextReviewDate: this.date(e.nextReview) } : {}),
          startedOn: on, // the plan starts on the event's date (the CIN census's plan start)
        };
        return (
          await this.svc(PlanService).create(actor, kase.id, validateBody(CreatePlanDto, body))
        ).id;
      }
      case 'plan_review': {
        const body = {
          date: on,
          summary: e.summary,
          ...(e.nextReview ? { nextReviewDate: this.date(e.nextReview) } : {}),
        };
        await this.svc(PlanService).addReview(actor, kase.id, validateBody(CreateReviewDto, body));
        return null;
      }
      case 'concern': {
        const body = {
          summary: e.summary,
          childIds: e.children ? this.ids(e.children) : kase.childIds,
          ...(accepts(RaiseConcernDto, 'raisedOn') ? { raisedOn: on } : {}),
        };
        return (
          await this.svc(CoWorkingService).raiseConcern(
            actor,
            kase.id,
            validateBody(RaiseConcernDto, body),
          )
        ).id;
      }
      case 'assign_ecpp': {
        const body = { userId: this.st.users.get(e.ecpp)?.id, assignedOn: on };
        return (
          await this.svc(CoWorkingService).assign(
            actor,
            kase.id,
            validateBody(AssignCoWorkerDto, body),
          )
        ).id;
      }
      case 'decision_request': {
        const body = { type: e.type, view: e.view };
        return (
          await this.svc(DecisionRequestService).create(
            actor,
            kase.id,
            validateBody(RequestDecisionDto, body),
          )
        ).id;
      }
      case 'decision':
        return this.decision(e, actor, kase, on);
      case 'schedule_conference': {
        const body = {
          type: e.type,
          childIds: e.children ? this.ids(e.children) : kase.childIds,
          scheduledFor: `${on}T10:00:00Z`,
          chairId: this.st.users.get(e.chair)?.id,
        };
        return (
          await this.svc(ConferenceService).schedule(
            actor,
            kase.id,
            validateBody(ScheduleConferenceDto, body),
          )
        ).id;
      }
      case 'conference_outcome':
        return this.conferenceOutcome(e, actor, on);
      case 'challenge': {
        const decisionId = this.st.refs.get(e.decision) as string;
        const body = validateBody(ChallengeDecisionDto, { view: e.view });
        return (await this.svc(DecisionService).challenge(actor, kase.id, decisionId, body)).id;
      }
      case 'meeting': {
        const body = {
          kind: e.kind,
          date: on,
          ...(e.attendees ? { attendees: e.attendees } : {}),
          ...(e.summary ? { summary: e.summary } : {}),
        };
        return (
          await this.svc(ActivityService).recordMeeting(
            actor,
            kase.id,
            validateBody(RecordMeetingDto, body),
          )
        ).id;
      }
      case 'visit': {
        const body = {
          childId: this.st.people.get(e.child),
          date: on,
          seenAlone: e.seenAlone,
          ...(e.summary ? { summary: e.summary } : {}),
        };
        return (
          await this.svc(ActivityService).recordVisit(
            actor,
            kase.id,
            validateBody(RecordVisitDto, body),
          )
        ).id;
      }
      case 'close_case': {
        const body = { reason: e.reason, closedOn: on, ...(e.note ? { note: e.note } : {}) };
        await this.svc(CaseLifecycleService).close(
          actor,
          kase.id,
          validateBody(CloseCaseDto, body),
        );
        return null;
      }
      default:
        return this.planEvent(e, actor, kase, on);
    }
  }

  /** FGDM meetings, Family Network Plans, Child Community Safety Plans and partner shares. */
  private async planEvent(
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
      case 'strategy_discussion_request':
      case 'strategy_discussion':
      case 'hold_strategy_discussion':
      case 'conclude_strategy_discussion':
      case 'information_request':
      case 'answer_request':
      case 'decline_request':
        return new MultiAgencyEvents(this.modules, this.st).run(e, actor, kase, on);
      case 'contact':
      case 'contact_decision':
      case 'contact_authorisation':
      case 'contact_feedback':
        return runContactEvent(this.svc(ContactService), e, actor, kase, on, {
          people: (keys) => this.ids(keys),
          ref,
        });
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

  private async referral(e: EventOf<'referral'>, actor: Actor): Promise<string> {
    const body = {
      familyId: this.st.families.get(e.family),
      teamId: this.st.teams.get(e.team),
      leadPractitionerId: this.st.users.get(e.lead)?.id,
      childIds: this.ids(e.children),
      referral: { date: this.date(e.on), source: e.source },
      ...(e.restricted !== undefined ? { restricted: e.restricted } : {}),
    };
    const created = await this.svc(CaseService).create(actor, validateBody(CreateCaseDto, body));
    this.st.cases.set(e.case, { id: created.id, childIds: body.childIds });
    return created.id;
  }

  /** The chair records the conference held on `on` and its outcome (one per child). */
  private async conferenceOutcome(
    e: EventOf<'conference_outcome'>,
    actor: Actor,
    on: IsoDate,
  ): Promise<string> {
    const id = this.st.refs.get(e.conference) as string;
    const svc = this.svc(ConferenceService);
    const held = await svc.recordHeld(
      actor,
      id,
      validateBody(RecordHeldDto, {
        heldOn: on,
        attendance: (e.agencies ?? ['social_care', 'police', 'health']).map((agency) => ({
          agency,
          attended: true,
        })),
        parents: { attended: true, advocatePresent: false },
      }),
    );
    const onPlan = e.plan === 'start' || e.plan === 'continue';
    const body = {
      children: held.childIds.map((childId) => ({
        childId,
        plan: e.plan,
        ...(e.category ? { category: e.category } : {}),
      })),
      outlinePlan: e.outlinePlan ?? '',
      contingency: e.contingency ?? '',
      coreGroup: (e.coreGroup ?? []).map((u) => this.st.users.get(u)?.id),
      dissent: [],
      ...(onPlan && e.nextReview ? { nextReviewBy: this.date(e.nextReview) } : {}),
    };
    return (await svc.recordOutcome(actor, id, validateBody(RecordOutcomeDto, body))).id;
  }

  private async decision(
    e: EventOf<'decision'>,
    actor: Actor,
    kase: { id: string; childIds: string[] },
    on: IsoDate,
  ): Promise<string> {
    const body = {
      type: e.type,
      rationale: e.rationale,
      childIds: e.children ? this.ids(e.children) : kase.childIds,
      effectiveDate: on,
      ...(e.category ? { category: e.category } : {}),
      // A s47 given only the date of its strategy discussion (scenarios written before
      // discussions were records): the override path, saying so.
      ...(e.strategyDiscussion
        ? {
            strategyDiscussionDate: this.date(e.strategyDiscussion),
            overrideReason: `Strategy discussion held on ${this.date(e.strategyDiscussion)}; the scenario records it by its date only.`,
          }
        : {}),
      ...(e.conferenceDate ? { conferenceDate: this.date(e.conferenceDate) } : {}),
      ...(e.urgent !== undefined ? { urgent: e.urgent } : {}),
      ...(e.request ? { requestId: this.st.refs.get(e.request) } : {}),
      ...(e.supersedes ? { supersedesId: this.st.refs.get(e.supersedes) } : {}),
      ...(e.discussion ? { strategyDiscussionId: this.st.refs.get(e.discussion) } : {}),
      ...(e.conference ? { conferenceId: this.st.refs.get(e.conference) } : {}),
    };
    const dto = validateBody(RecordDecisionDto, body);
    return (await this.svc(DecisionService).record(actor, kase.id, dto)).id;
  }
}
