/**
 * What each scenario event does: the same service call, with the same DTO validation and the
 * same route permission, as the API request it stands for. A scenario therefore cannot record
 * anything the API would refuse.
 */
import type { ModuleRef } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import type { Actor } from 'src/access/actor';
import { isGranted } from 'src/access/permissions';
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
import { type IsoDate, compareDates } from 'src/common/working-days';
import { ContactService } from 'src/front-door/contact.service';
import { runContactEvent } from './scenario-contacts';
import { resolveScenarioDate } from './scenario-dates';
import { DecisionEvents } from './scenario-decisions';
import { MultiAgencyEvents } from './scenario-multi-agency';
import type { EventOf, ScenarioEvent } from './scenario-format';
import type { LoadState } from './scenario-load.types';
import { EVENT_PERMISSIONS } from './scenario-permissions';
import { PlanEvents } from './scenario-plans';
import { ProceedingsEvents } from './scenario-proceedings';

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
    const kase = this.st.cases.get(e.case) as { id: string; childIds: string[]; familyId: string };
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
      case 'decision_request':
      case 'decision':
      case 'schedule_conference':
      case 'conference_outcome':
      case 'challenge':
        return new DecisionEvents(this.modules, this.st).run(e, actor, kase, on);
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
          ref: (k) => this.st.refs.get(k) as string,
        });
      case 'parental_responsibility':
      case 'legal_gateway':
      case 'fgdm_offer':
      case 'answer_fgdm_offer':
      case 'fgdm_exemption':
      case 'authorise_fgdm_exemption':
      case 'fgdm_referral':
      case 'update_fgdm_referral':
      case 'letter_before_proceedings':
      case 'pre_proceedings_meeting':
        return new ProceedingsEvents(this.modules, this.st).run(e, actor, kase, on);
      default:
        return new PlanEvents(this.modules, this.st).run(e, actor, kase, on);
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
    this.st.cases.set(e.case, {
      id: created.id,
      childIds: body.childIds,
      familyId: body.familyId as string,
    });
    return created.id;
  }
}
