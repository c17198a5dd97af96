/**
 * What each scenario event does: the same service call, with the same DTO validation and the
 * same route permission, as the API request it stands for. A scenario therefore cannot record
 * anything the API would refuse.
 */
import type { ModuleRef } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import type { Actor } from 'src/access/actor';
import { isGranted, type Permission } from 'src/access/permissions';
import { ActivityService } from 'src/activities/activity.service';
import {
  CompleteAssessmentDto,
  RecordMeetingDto,
  RecordVisitDto,
} from 'src/activities/dto/activity.dto';
import { CaseLifecycleService } from 'src/cases/case-lifecycle.service';
import { CaseService } from 'src/cases/case.service';
import { CloseCaseDto, CreateCaseDto } from 'src/cases/dto/case.dto';
import { CreateNoteDto } from 'src/cases/notes/note.dto';
import { NoteService } from 'src/cases/notes/note.service';
import { CreatePlanDto, CreateReviewDto } from 'src/cases/plan/plan.dto';
import { PlanService } from 'src/cases/plan/plan.service';
import { forbidden } from 'src/common/domain-error';
import { validateBody } from 'src/common/validate-body';
import { CoWorkingService } from 'src/co-working/co-working.service';
import { AssignCoWorkerDto, RaiseConcernDto } from 'src/co-working/dto/co-working.dto';
import { DecisionRequestService } from 'src/decisions/decision-request.service';
import { DecisionService } from 'src/decisions/decision.service';
import { RequestDecisionDto } from 'src/decisions/dto/decision-request.dto';
import { ChallengeDecisionDto, RecordDecisionDto } from 'src/decisions/dto/decision.dto';
import { type IsoDate, compareDates } from 'src/timescales/working-days';
import { resolveScenarioDate } from './scenario-dates';
import type { EventOf, ScenarioEvent } from './scenario-format';

/** The route permission each event kind needs (the `@Can` of the matching endpoint). */
export const EVENT_PERMISSIONS: Record<ScenarioEvent['do'], Permission> = {
  referral: 'case.create',
  note: 'case.note',
  assessment_completed: 'activity.record',
  family_help_plan: 'case.plan',
  plan_review: 'case.plan',
  concern: 'concern.raise',
  assign_ecpp: 'coworker.assign',
  decision_request: 'decision.request',
  decision: 'decision.record',
  challenge: 'decision.challenge',
  meeting: 'activity.record',
  visit: 'activity.record',
  close_case: 'case.close',
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

  private date(value: string): IsoDate {
    return resolveScenarioDate(value, this.st.today);
  }

  private ids(keys: readonly string[]): string[] {
    return keys.map((k) => this.st.people.get(k) as string);
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
        await this.svc(ActivityService).completeAssessment(
          actor,
          kase.id,
          validateBody(CompleteAssessmentDto, { completedAt: on }),
        );
        return null;
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
        const body = { userId: this.st.users.get(e.ecpp)?.id };
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
        const body = { reason: e.reason, ...(e.note ? { note: e.note } : {}) };
        await this.svc(CaseLifecycleService).close(
          actor,
          kase.id,
          validateBody(CloseCaseDto, body),
        );
        return null;
      }
    }
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
      ...(e.strategyDiscussion ? { strategyDiscussionDate: this.date(e.strategyDiscussion) } : {}),
      ...(e.conferenceDate ? { conferenceDate: this.date(e.conferenceDate) } : {}),
      ...(e.urgent !== undefined ? { urgent: e.urgent } : {}),
      ...(e.request ? { requestId: this.st.refs.get(e.request) } : {}),
      ...(e.supersedes ? { supersedesId: this.st.refs.get(e.supersedes) } : {}),
    };
    const dto = validateBody(RecordDecisionDto, body);
    return (await this.svc(DecisionService).record(actor, kase.id, dto)).id;
  }
}
