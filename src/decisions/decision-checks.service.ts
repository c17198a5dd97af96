import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { CaseContext } from 'src/access/access.service';
import { Clock } from 'src/common/clock';
import { DomainError, conflict, notFound, validationFailed } from 'src/common/domain-error';
import { StrategyDiscussionService } from 'src/multi-agency/strategy-discussion.service';
import { checkS47Citation, CitedDiscussion } from 'src/multi-agency/strategy-discussion.rules';
import { DecisionRepository } from './decision.repository';
import { RecordDecisionDto } from './dto/decision.dto';

const SAFETY_PLAN_DECISIONS: readonly string[] = [
  'start_community_safety_plan',
  'end_community_safety_plan',
];

/**
 * The checks a decision runs against the database before it is recorded (the pure ones over the
 * replayed history are `src/case-history`): who records it, the request it answers, the
 * strategy discussion a s47 enquiry cites, the conference a plan decision records the outcome of.
 */
@Injectable()
export class DecisionChecks {
  constructor(
    private readonly repo: DecisionRepository,
    private readonly clock: Clock,
    private readonly discussions: StrategyDiscussionService,
  ) {}

  /**
   * The caller's active ECPP assignment on the case (the gate has checked there is one). A cover
   * ECPP records decisions only while the cover runs (403 `cover_not_active` before its first or
   * after its last day).
   */
  async requireActingAssignment(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
  ): Promise<{ assignedOn: string }> {
    const a = await this.repo.findActiveAssignment(m, c.localAuthorityId, c.id, actor.id);
    if (!a) throw notFound('Case');
    const today = this.clock.today();
    if (a.kind === 'cover' && (today < a.assignedOn || (a.coverTo !== null && today > a.coverTo))) {
      throw new DomainError(
        403,
        'cover_not_active',
        `Your cover on this case runs ${a.assignedOn} to ${a.coverTo ?? 'its end'}: decisions are recorded by the accountable ECPP outside it`,
      );
    }
    return a;
  }

  async refuseSafetyPlanDecision(m: EntityManager, c: CaseContext, dto: RecordDecisionDto) {
    if (SAFETY_PLAN_DECISIONS.includes(dto.type)) {
      throw validationFailed(
        'type',
        `${dto.type} is recorded with its plan: POST /cases/:id/community-safety-plans ` +
          'or POST /community-safety-plans/:id/end',
      );
    }
    if (!dto.supersedesId) return;
    const target = await this.repo.findDecision(m, c.localAuthorityId, c.id, dto.supersedesId);
    if (target && SAFETY_PLAN_DECISIONS.includes(target.type)) {
      throw conflict(
        'safety_plan_decision',
        'a community safety plan decision is not superseded here: end the plan instead',
      );
    }
  }

  async requireOpenRequest(m: EntityManager, c: CaseContext, requestId: string) {
    const request = await this.repo.findCaseRequest(m, c.localAuthorityId, c.id, requestId);
    if (!request)
      throw validationFailed('requestId', 'no decision request with this id on this case');
    if (request.status !== 'open') {
      throw conflict(
        'request_already_answered',
        `decision request ${requestId} was answered by decision ${request.answeredByDecisionId}`,
      );
    }
  }

  /**
   * The strategy discussion a s47 enquiry cites (null: none cited). An id that is no discussion
   * of this case is a 400 naming `strategyDiscussionId`.
   */
  async citedDiscussion(
    m: EntityManager,
    c: CaseContext,
    dto: RecordDecisionDto,
  ): Promise<CitedDiscussion | null> {
    if (dto.type !== 'start_section_47_enquiry' || !dto.strategyDiscussionId) return null;
    const d = await this.discussions.citation(
      m,
      c.localAuthorityId,
      c.id,
      dto.strategyDiscussionId,
    );
    if (!d)
      throw validationFailed(
        'strategyDiscussionId',
        'no strategy discussion with this id on this case',
      );
    return d;
  }

  /** A s47 enquiry cites a concluded discussion that fits, or records why not (409 otherwise);
   * it does not start before the discussion was held (400). */
  requireCitation(dto: RecordDecisionDto, cited: CitedDiscussion | null) {
    const r = checkS47Citation(cited, dto.childIds, dto.overrideReason ?? null);
    if (!r.ok) throw conflict(r.code, r.detail);
    if (cited?.heldOn && dto.effectiveDate < cited.heldOn)
      throw validationFailed(
        'effectiveDate',
        `${dto.effectiveDate} is before the strategy discussion it follows (${cited.heldOn})`,
      );
  }

  /**
   * A plan decision records a conference's outcome (docs/conferences.md): starting needs a
   * concluded initial, transfer-in or pre-birth conference of this case with `start` for each
   * child (409 `conference_outcome_required`); ending needs a concluded review with `end` for
   * each child, or a statutory exception (409 `review_conference_required`). Not dated before
   * the conference was held (400). A correction (`supersedesId`) may omit it: it corrects a
   * decision that had its authority.
   */
  async requireConferenceAuthority(
    m: EntityManager,
    c: CaseContext,
    dto: RecordDecisionDto,
  ): Promise<void> {
    const starting = dto.type === 'start_child_protection_plan';
    if (!starting && dto.type !== 'end_child_protection_plan') return;
    if (!starting && dto.exception) return;
    if (!dto.conferenceId) {
      if (dto.supersedesId) return;
      throw starting
        ? conflict(
            'conference_outcome_required',
            'A child protection plan starts on a conference’s outcome: cite the conference (conferenceId) whose outcome is start for these children',
          )
        : conflict(
            'review_conference_required',
            'A plan ends on a review conference’s outcome (conferenceId) or a statutory exception (exception, exceptionReason)',
          );
    }
    const code = starting ? 'conference_outcome_required' : 'review_conference_required';
    const k = await this.repo.findConference(m, c.localAuthorityId, c.id, dto.conferenceId);
    if (!k) throw conflict(code, 'No such conference on this case');
    const types = starting ? ['initial', 'transfer_in', 'pre_birth'] : ['review'];
    if (!types.includes(k.type)) {
      throw conflict(code, `A ${k.type} conference cannot ${starting ? 'start' : 'end'} a plan`);
    }
    if (k.status !== 'concluded') {
      throw conflict(code, 'The conference has no recorded outcome yet');
    }
    const wanted = starting ? 'start' : 'end';
    const without = dto.childIds.filter(
      (id) => !k.children.some((o) => o.childId === id && o.plan === wanted),
    );
    if (without.length) {
      throw conflict(
        code,
        `The conference’s outcome is not plan: ${wanted} for ${without.join(', ')}`,
      );
    }
    if (starting) {
      const other = dto.childIds.filter(
        (id) => k.children.find((o) => o.childId === id)?.category !== dto.category,
      );
      if (other.length) {
        throw validationFailed(
          'category',
          `the conference decided another category for ${other.join(', ')}`,
        );
      }
    }
    if (starting) await this.requireBorn(m, c, dto);
    if (k.heldOn && dto.effectiveDate < k.heldOn) {
      throw validationFailed(
        'effectiveDate',
        `${dto.effectiveDate} is before the conference (${k.heldOn})`,
      );
    }
  }

  /** A plan a pre-birth conference decided takes effect at birth: recorded once the child is
   * born (the birth recorded on the case), dated on or after the birth. */
  private async requireBorn(m: EntityManager, c: CaseContext, dto: RecordDecisionDto) {
    const births = await this.repo.datesOfBirth(m, c.localAuthorityId, dto.childIds);
    const unborn = births.filter((b) => b.unborn).map((b) => b.id);
    if (unborn.length) {
      throw conflict(
        'child_not_born',
        `A child protection plan takes effect at birth: record the birth first (${unborn.join(', ')})`,
      );
    }
    const before = births.filter((b) => b.dateOfBirth && dto.effectiveDate < b.dateOfBirth);
    if (before.length) {
      throw validationFailed(
        'effectiveDate',
        `${dto.effectiveDate} is before the child's birth (${before[0].dateOfBirth})`,
      );
    }
  }
}
