/**
 * The training loader's decision events (docs/scenarios.md): decision requests, decisions and
 * their challenges, and child protection conferences, applied through the ordinary services
 * (`src/decisions`, `src/conferences`) with the API's DTO validation, exactly as the API would.
 */
import type { ModuleRef } from '@nestjs/core';
import type { Actor } from 'src/access/actor';
import { validateBody } from 'src/common/validate-body';
import type { IsoDate } from 'src/common/working-days';
import { ConferenceService } from 'src/conferences/conference.service';
import {
  RecordHeldDto,
  RecordOutcomeDto,
  ScheduleConferenceDto,
} from 'src/conferences/dto/conference.dto';
import { DecisionRequestService } from 'src/decisions/decision-request.service';
import { DecisionService } from 'src/decisions/decision.service';
import { RequestDecisionDto } from 'src/decisions/dto/decision-request.dto';
import { ChallengeDecisionDto, RecordDecisionDto } from 'src/decisions/dto/decision.dto';
import { resolveScenarioDate } from './scenario-dates';
import type { EventOf } from './scenario-format';
import type { LoadState } from './scenario-load.types';

type DecisionEvent = EventOf<
  'decision_request' | 'decision' | 'schedule_conference' | 'conference_outcome' | 'challenge'
>;

export class DecisionEvents {
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

  /** Applies one decision or conference event as `actor`; returns the id of what it created. */
  async run(
    e: DecisionEvent,
    actor: Actor,
    kase: { id: string; childIds: string[] },
    on: IsoDate,
  ): Promise<string> {
    switch (e.do) {
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
    }
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
      ...(e.gateway ? { legalGatewayId: this.st.refs.get(e.gateway) } : {}),
      ...(e.issuedOn ? { issuedOn: this.date(e.issuedOn) } : {}),
      ...(e.court ? { court: e.court } : {}),
      ...(e.courtCaseNumber ? { courtCaseNumber: e.courtCaseNumber } : {}),
      ...(e.outcome ? { outcome: e.outcome } : {}),
      ...(e.concludedOn ? { concludedOn: this.date(e.concludedOn) } : {}),
      ...(e.orders ? { orders: e.orders } : {}),
    };
    const dto = validateBody(RecordDecisionDto, body);
    return (await this.svc(DecisionService).record(actor, kase.id, dto)).id;
  }
}
