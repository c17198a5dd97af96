import { IDENTIFIER_DECISIONS, requireChildIdentifiers } from 'src/families/person-identifiers';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { DecisionRepository } from './decision.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { checkNewDecision, replay } from 'src/case-history/case-state';
import { CaseRepository } from 'src/cases/case.repository';
import { Clock } from 'src/common/clock';
import { DomainError, FieldError, conflict, notFound } from 'src/common/domain-error';
import { AccessService } from 'src/access/access.service';
import { dependencyDateErrors, futureDateErrors } from 'src/case-history/decision-dates';
import { decisionFieldErrors, toEntry } from './decision-validation';
import { StrategyDiscussionService } from 'src/multi-agency/strategy-discussion.service';
import { ProceedingsChecks } from 'src/proceedings/proceedings-checks.service';
import { DecisionChallengeService } from './decision-challenge.service';
import { DecisionChecks } from './decision-checks.service';
import { AUDITED_FIELDS, decisionRow } from './decision-row';
import { DecisionTimeline } from './decision-timeline.service';
import {
  ChallengeDecisionDto,
  ChallengeResponse,
  DecisionOrder,
  DecisionResponse,
  RecordDecisionDto,
  RecordedDecisionResponse,
} from './dto/decision.dto';

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

/**
 * Key decisions: recorded by the co-working ECPP alone; immutable; superseded, never edited.
 * The checks a decision runs are `DecisionChecks`, the timeline it writes `DecisionTimeline`,
 * challenges to it `DecisionChallengeService`.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly history: CaseHistoryRepository,
    private readonly repo: DecisionRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly discussions: StrategyDiscussionService,
    private readonly proceedings: ProceedingsChecks,
    private readonly checks: DecisionChecks,
    private readonly decisionTimeline: DecisionTimeline,
    private readonly challenges: DecisionChallengeService,
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
    const assignment = await this.checks.requireActingAssignment(m, c, actor);
    if (!opts.viaSafetyPlan) await this.checks.refuseSafetyPlanDecision(m, c, dto);
    throwFieldErrors(decisionFieldErrors(dto, c.childIds));
    if (dto.requestId) await this.checks.requireOpenRequest(m, c, dto.requestId);
    const cited = await this.checks.citedDiscussion(m, c, dto);

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
    await this.checks.requireConferenceAuthority(m, c, dto);
    const next = check.next;
    const applied = dto.supersedesId ? replay(history, new Set([dto.supersedesId])) : before;
    throwFieldErrors(
      dependencyDateErrors(history, applied, entry, { today, referralDate: c.referralDate }),
    );
    if (dto.type === 'start_section_47_enquiry') this.checks.requireCitation(dto, cited);
    await this.proceedings.beforeDecision(m, c, dto, today);

    const row = decisionRow(id, c, actor, dto, entry);
    const saved = await this.repo.insertDecision(m, row);
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
    await this.decisionTimeline.writeTimeline(m, c, actor, row, before, next);
    await this.decisionTimeline.writeConcernEvents(m, c, actor, row, concerns);
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
    return { ...saved, caseStage: next.stage };
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
    return this.challenges.challenge(actor, caseId, decisionId, dto);
  }
}
