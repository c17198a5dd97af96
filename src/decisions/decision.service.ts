import { IDENTIFIER_DECISIONS, requireChildIdentifiers } from 'src/families/person-identifiers';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { DecisionRepository } from './decision.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { CaseState, checkNewDecision, replay } from 'src/case-history/case-state';
import { CaseRepository } from 'src/cases/case.repository';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock } from 'src/common/clock';
import {
  DomainError,
  FieldError,
  conflict,
  notFound,
  validationFailed,
} from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import { AccessService, CaseContext } from 'src/access/access.service';
import { dependencyDateErrors, futureDateErrors } from 'src/case-history/decision-dates';
import { DECISION_LABELS, children } from './decision-labels';
import { decisionFieldErrors, toEntry } from './decision-validation';
import { Decision } from './decision.entity';
import { StrategyDiscussionService } from 'src/multi-agency/strategy-discussion.service';
import { checkS47Citation, CitedDiscussion } from 'src/multi-agency/strategy-discussion.rules';
import { ProceedingsChecks } from 'src/proceedings/proceedings-checks.service';
import {
  ChallengeDecisionDto,
  ChallengeResponse,
  DecisionOrder,
  DecisionResponse,
  RecordDecisionDto,
  RecordedDecisionResponse,
} from './dto/decision.dto';

const SAFETY_PLAN_DECISIONS: readonly string[] = [
  'start_community_safety_plan',
  'end_community_safety_plan',
];

const AUDITED_FIELDS = [
  'type',
  'rationale',
  'childIds',
  'effectiveDate',
  'category',
  'strategyDiscussionDate',
  'strategyDiscussionId',
  'overrideReason',
  'conferenceDate',
  'urgent',
  'conferenceId',
  'exception',
  'exceptionReason',
  'requestId',
  'supersedesId',
] as const;

function throwFieldErrors(errors: FieldError[]): void {
  if (errors.length) {
    throw new DomainError(
      400,
      'validation_failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}

/** Key decisions: recorded by the co-working ECPP alone; immutable; superseded, never edited. */
@Injectable()
export class DecisionService {
  constructor(
    private readonly history: CaseHistoryRepository,
    private readonly repo: DecisionRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly discussions: StrategyDiscussionService,
    private readonly proceedings: ProceedingsChecks,
  ) {}

  /**
   * One transaction: lock the case, check who and what (pure rules over the replayed
   * history), insert the decision, apply its effect on the stage and open concerns, and write
   * the timeline events and the audit row. A refusal rolls everything back.
   */
  record(actor: Actor, caseId: string, dto: RecordDecisionDto): Promise<RecordedDecisionResponse> {
    return this.ds.transaction((m) => this.recordIn(m, actor, caseId, dto));
  }

  /**
   * `record` inside the caller's transaction. The community-safety-plan decisions come only
   * through `src/plans` (`viaSafetyPlan`), so that the decision and its plan are one record
   * written in one transaction; anywhere else they are refused (400), as is superseding one.
   */
  async recordIn(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    dto: RecordDecisionDto,
    opts: { viaSafetyPlan?: boolean } = {},
  ): Promise<RecordedDecisionResponse> {
    const c = await this.access.requireCase(m, actor, 'decision.record', caseId, {
      lock: 'update',
    });
    const assignment = await this.requireActingAssignment(m, c, actor);
    if (!opts.viaSafetyPlan) await this.refuseSafetyPlanDecision(m, c, dto);
    throwFieldErrors(decisionFieldErrors(dto, c.childIds));
    if (dto.requestId) await this.requireOpenRequest(m, c, dto.requestId);
    const cited = await this.citedDiscussion(m, c, dto);

    const id = randomUUID();
    const entry = toEntry(id, dto, cited?.heldOn ?? dto.strategyDiscussionDate);
    const today = this.clock.today();
    throwFieldErrors(futureDateErrors(entry, today));
    if (entry.effectiveDate < assignment.assignedOn) {
      throwFieldErrors([
        {
          field: 'effectiveDate',
          message: `${entry.effectiveDate} is before your assignment as this case's ECPP (${assignment.assignedOn})`,
        },
      ]);
    }
    const history = await this.history.load(m, c.localAuthorityId, caseId);
    const before = replay(history);
    const check = checkNewDecision(history, entry, c.childIds);
    if (!check.ok) throw conflict(check.code, check.detail);
    if (IDENTIFIER_DECISIONS.includes(dto.type))
      await requireChildIdentifiers(m, c.localAuthorityId, entry.childIds, entry.effectiveDate);
    await this.requireConferenceAuthority(m, c, dto);
    const next = check.next;
    const applied = dto.supersedesId ? replay(history, new Set([dto.supersedesId])) : before;
    throwFieldErrors(
      dependencyDateErrors(history, applied, entry, { today, referralDate: c.referralDate }),
    );
    if (dto.type === 'start_section_47_enquiry') this.requireCitation(dto, cited);
    await this.proceedings.beforeDecision(m, c, dto, today);

    const row = this.toRow(id, c, actor, dto, entry);
    await m.insert(Decision, row);
    await this.proceedings.afterDecision(m, c, id, dto);
    // MACPT members read the case while its s47 enquiry is open (src/multi-agency).
    if (row.strategyDiscussionId)
      await this.discussions.enquiryStarted(m, c.localAuthorityId, row.strategyDiscussionId);
    if ((before.s47.active && !next.s47.active) || row.type === 'no_further_action')
      await this.discussions.enquiryEnded(m, c.localAuthorityId, caseId);
    if (next.stage !== c.stage)
      await this.cases.setStage(m, c.localAuthorityId, caseId, next.stage);
    const concerns = await this.history.syncConcerns(
      m,
      c.localAuthorityId,
      caseId,
      next.openConcernIds,
      id,
    );
    await this.writeTimeline(m, c, actor, row, before, next);
    await this.writeConcernEvents(m, c, actor, row, concerns);
    await this.audit.record(
      {
        action: 'decision.record',
        recordType: 'decision',
        recordId: id,
        childIds: dto.childIds,
        changes: diffFields({}, row, [...AUDITED_FIELDS]),
        metadata: { caseId, stageBefore: c.stage, stageAfter: next.stage },
      },
      m,
    );
    const saved = (await this.repo.findDecision(
      m,
      c.localAuthorityId,
      caseId,
      id,
    )) as DecisionResponse;
    return { ...saved, caseStage: next.stage };
  }

  /**
   * A plan decision records a conference's outcome (docs/conferences.md): starting needs a
   * concluded initial, transfer-in or pre-birth conference of this case with `start` for each
   * child (409 `conference_outcome_required`); ending needs a concluded review with `end` for
   * each child, or a statutory exception (409 `review_conference_required`). Not dated before
   * the conference was held (400). A correction (`supersedesId`) may omit it: it corrects a
   * decision that had its authority.
   */
  private async requireConferenceAuthority(
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
    if (k.heldOn && dto.effectiveDate < k.heldOn) {
      throw validationFailed(
        'effectiveDate',
        `${dto.effectiveDate} is before the conference (${k.heldOn})`,
      );
    }
  }

  /**
   * The caller's active ECPP assignment on the case (the gate has checked there is one). A cover
   * ECPP records decisions only while the cover runs (403 `cover_not_active` before its first or
   * after its last day).
   */
  private async requireActingAssignment(
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

  private async refuseSafetyPlanDecision(m: EntityManager, c: CaseContext, dto: RecordDecisionDto) {
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

  /** The case's decisions in the order recorded, or (`order=effective`) in the order they took effect. */
  async list(
    actor: Actor,
    caseId: string,
    order: DecisionOrder = 'recorded',
  ): Promise<DecisionResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.read', caseId);
      const decisions = await this.repo.findCaseDecisions(m, c.localAuthorityId, caseId, order);
      await this.audit.record(
        { action: 'decision.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return decisions;
    });
  }

  async get(actor: Actor, caseId: string, decisionId: string): Promise<DecisionResponse> {
    const all = await this.list(actor, caseId);
    const found = all.find((d) => d.id === decisionId);
    if (!found) throw notFound('Decision');
    return found;
  }

  /** A Family Help practitioner's disagreement, recorded against the decision (never hidden). */
  challenge(
    actor: Actor,
    caseId: string,
    decisionId: string,
    dto: ChallengeDecisionDto,
  ): Promise<ChallengeResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'decision.challenge', caseId, {
        lock: 'update',
      });
      const decision = await this.repo.findDecision(m, actorLa(actor), caseId, decisionId);
      if (!decision) throw notFound('Decision');
      const challenge = await this.repo.insertChallenge(m, {
        decisionId,
        caseId,
        la: c.localAuthorityId,
        view: dto.view,
        raisedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'decision_challenged',
        summary: `Disagreement recorded with the decision to ${DECISION_LABELS[decision.type]}`,
        data: { decisionId, challengeId: challenge.id, decisionType: decision.type },
        recordType: 'decision_challenge',
        recordId: challenge.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'decision.challenge',
          recordType: 'decision_challenge',
          recordId: challenge.id,
          childIds: decision.childIds,
          changes: diffFields({}, { view: dto.view }, ['view']),
          metadata: { caseId, decisionId },
        },
        m,
      );
      return challenge;
    });
  }

  private async requireOpenRequest(m: EntityManager, c: CaseContext, requestId: string) {
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
  private async citedDiscussion(
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
  private requireCitation(dto: RecordDecisionDto, cited: CitedDiscussion | null) {
    const r = checkS47Citation(cited, dto.childIds, dto.overrideReason ?? null);
    if (!r.ok) throw conflict(r.code, r.detail);
    if (cited?.heldOn && dto.effectiveDate < cited.heldOn)
      throw validationFailed(
        'effectiveDate',
        `${dto.effectiveDate} is before the strategy discussion it follows (${cited.heldOn})`,
      );
  }

  private toRow(
    id: string,
    c: CaseContext,
    actor: Actor,
    dto: RecordDecisionDto,
    entry: ReturnType<typeof toEntry>,
  ) {
    return {
      id,
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: dto.type,
      rationale: dto.rationale,
      childIds: dto.childIds,
      effectiveDate: dto.effectiveDate,
      category: dto.category ?? null,
      strategyDiscussionDate: entry.strategyDiscussionDate ?? null,
      strategyDiscussionId: dto.strategyDiscussionId ?? null,
      overrideReason: dto.overrideReason ?? null,
      conferenceDate: entry.conferenceDate ?? null,
      urgent: dto.urgent ?? false,
      conferenceId: dto.conferenceId ?? null,
      exception: dto.exception ?? null,
      exceptionReason: dto.exceptionReason?.trim() ?? null,
      requestId: dto.requestId ?? null,
      supersedesId: dto.supersedesId ?? null,
      decidedById: actor.id,
    };
  }

  /** Timeline: which concerns the decision closed (or, superseding, reopened), and when. */
  private async writeConcernEvents(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
    row: ReturnType<DecisionService['toRow']>,
    concerns: { closed: string[]; reopened: string[] },
  ) {
    const label = DECISION_LABELS[row.type];
    const events = [
      ...concerns.closed.map((id) => ({ id, type: 'concern_closed', verb: 'closed' })),
      ...concerns.reopened.map((id) => ({ id, type: 'concern_reopened', verb: 'reopened' })),
    ];
    for (const e of events) {
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: c.localAuthorityId,
        type: e.type,
        summary: `Concern of significant harm ${e.verb} by the decision to ${label}, effective ${row.effectiveDate}`,
        data: {
          concernId: e.id,
          decisionId: row.id,
          decisionType: row.type,
          effectiveDate: row.effectiveDate,
        },
        recordType: 'case_concern',
        recordId: e.id,
        actor,
      });
    }
  }

  private async writeTimeline(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
    row: ReturnType<DecisionService['toRow']>,
    before: CaseState,
    next: CaseState,
  ) {
    const supersedes = row.supersedesId ? ` (supersedes an earlier decision)` : '';
    const booked = row.conferenceDate ? `; conference booked for ${row.conferenceDate}` : '';
    const strategy = row.strategyDiscussionId
      ? `; follows the strategy discussion held on ${row.strategyDiscussionDate}`
      : '';
    const override = row.overrideReason
      ? `; strategy discussion requirement overridden: ${row.overrideReason}`
      : '';
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: 'decision_recorded',
      summary: `Decision: ${DECISION_LABELS[row.type]} for ${children(row.childIds.length)}, effective ${row.effectiveDate}${booked}${strategy}${override}${supersedes}`,
      data: {
        decisionId: row.id,
        decisionType: row.type,
        childIds: row.childIds,
        effectiveDate: row.effectiveDate,
        ...(row.category ? { category: row.category } : {}),
        ...(row.strategyDiscussionId ? { strategyDiscussionId: row.strategyDiscussionId } : {}),
        ...(row.strategyDiscussionDate
          ? { strategyDiscussionDate: row.strategyDiscussionDate }
          : {}),
        ...(row.overrideReason ? { strategyDiscussionOverridden: true } : {}),
        ...(row.requestId ? { requestId: row.requestId } : {}),
        ...(row.supersedesId ? { supersedesId: row.supersedesId } : {}),
      },
      recordType: 'decision',
      recordId: row.id,
      actor,
    });
    if (before.stage !== next.stage) {
      await this.timeline.append(m, {
        caseId: c.id,
        localAuthorityId: c.localAuthorityId,
        type: 'stage_changed',
        summary: `Stage changed from ${before.stage} to ${next.stage}, effective ${row.effectiveDate}`,
        data: { from: before.stage, to: next.stage, decisionId: row.id },
        recordType: 'decision',
        recordId: row.id,
        actor,
      });
    }
  }
}
