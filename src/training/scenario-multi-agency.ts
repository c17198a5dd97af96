/**
 * The training loader's multi-agency events (docs/scenarios.md): applied through the ordinary
 * services (`src/multi-agency`), exactly as the API would.
 */
import type { ModuleRef } from '@nestjs/core';
import type { Actor } from 'src/access/actor';
import { validateBody } from 'src/common/validate-body';
import {
  AnswerDto,
  DeclineDto,
  SendInformationRequestDto,
} from 'src/multi-agency/dto/information-request.dto';
import {
  ConcludeStrategyDiscussionDto,
  HoldStrategyDiscussionDto,
  RequestStrategyDiscussionDto,
  ScheduleStrategyDiscussionDto,
} from 'src/multi-agency/dto/strategy-discussion.dto';
import { InformationRequestService } from 'src/multi-agency/information-request.service';
import { StrategyDiscussionMeetingService } from 'src/multi-agency/strategy-discussion-meeting.service';
import { StrategyDiscussionService } from 'src/multi-agency/strategy-discussion.service';
import type { IsoDate } from 'src/timescales/working-days';
import { resolveScenarioDate } from './scenario-dates';
import type { LoadState } from './scenario-load.types';
import type { EventOf } from './scenario-format';

type MultiAgencyEvent = EventOf<
  | 'strategy_discussion_request'
  | 'strategy_discussion'
  | 'hold_strategy_discussion'
  | 'conclude_strategy_discussion'
  | 'information_request'
  | 'answer_request'
  | 'decline_request'
>;

export class MultiAgencyEvents {
  constructor(
    private readonly modules: ModuleRef,
    private readonly st: LoadState,
  ) {}

  private svc<T>(cls: new (...args: never[]) => T): T {
    return this.modules.get(cls, { strict: false });
  }

  private ids(keys: readonly string[]): string[] {
    return keys.map((k) => this.st.people.get(k) as string);
  }

  private ref(key: string): string {
    return this.st.refs.get(key) as string;
  }

  private user(key: string): string {
    return this.st.users.get(key)?.id as string;
  }

  async run(
    e: MultiAgencyEvent,
    actor: Actor,
    kase: { id: string; childIds: string[] },
    on: IsoDate,
  ): Promise<string | null> {
    const discussions = this.svc(StrategyDiscussionService);
    const meetings = this.svc(StrategyDiscussionMeetingService);
    const requests = this.svc(InformationRequestService);
    switch (e.do) {
      case 'strategy_discussion_request':
        return (
          await discussions.requestOne(
            actor,
            kase.id,
            validateBody(RequestStrategyDiscussionDto, {
              childIds: e.children ? this.ids(e.children) : kase.childIds,
              reason: e.reason,
            }),
          )
        ).id;
      case 'strategy_discussion':
        return (
          await discussions.schedule(
            actor,
            kase.id,
            validateBody(ScheduleStrategyDiscussionDto, {
              childIds: e.children ? this.ids(e.children) : kase.childIds,
              concernIds: e.concerns.map((c) => this.ref(c)),
              scheduledFor: `${e.for ? resolveScenarioDate(e.for, this.st.today) : on}T${e.at ?? '10:00'}:00Z`,
              format: e.format,
              invitees: (e.invitees ?? []).map((u) => ({ userId: this.user(u) })),
              ...(e.request ? { requestId: this.ref(e.request) } : {}),
            }),
          )
        ).id;
      case 'hold_strategy_discussion':
        await meetings.hold(
          actor,
          this.ref(e.discussion),
          validateBody(HoldStrategyDiscussionDto, {
            heldOn: on,
            participants: e.participants.map((p) => ({
              ...(p.user ? { userId: this.user(p.user) } : { name: p.name }),
              agency: p.agency,
              attended: p.attended,
            })),
            contributions: e.contributions ?? [],
          }),
        );
        return null;
      case 'conclude_strategy_discussion':
        await meetings.conclude(
          actor,
          this.ref(e.discussion),
          validateBody(ConcludeStrategyDiscussionDto, {
            s47: e.s47,
            immediateProtection: e.immediateProtection,
            medical: e.medical,
            abeInterview: e.abeInterview,
            parentsInformed: e.parentsNotYetInformed
              ? { deferredReason: e.parentsNotYetInformed }
              : { by: e.parentsInformedBy ?? 'The ECPP', on },
            rationale: e.rationale,
            dissent: [],
          }),
        );
        return null;
      case 'information_request': {
        const body = validateBody(SendInformationRequestDto, {
          ...(e.to ? { recipientUserId: this.user(e.to) } : { recipientAgency: e.agency }),
          questions: e.questions,
          gateway: e.gateway,
          ukGdprCondition: e.ukGdprCondition,
          ...(e.due ? { dueAt: `${resolveDue(this.st, e.due)}T17:00:00Z` } : {}),
        });
        return (
          e.discussion
            ? await requests.sendFromDiscussion(actor, this.ref(e.discussion), body)
            : await requests.sendOnCase(actor, kase.id, body)
        ).id;
      }
      case 'answer_request':
        await requests.answer(
          actor,
          this.ref(e.request),
          validateBody(AnswerDto, {
            ...(e.text ? { text: e.text } : {}),
            ...(e.nothingKnown ? { nothingKnown: true } : {}),
          }),
        );
        return null;
      case 'decline_request':
        await requests.decline(
          actor,
          this.ref(e.request),
          validateBody(DeclineDto, { reason: e.reason }),
        );
        return null;
    }
  }
}

function resolveDue(st: LoadState, due: string): string {
  return resolveScenarioDate(due, st.today);
}
