import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService, CaseContext } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, validationFailed } from 'src/common/domain-error';
import { CaseQueryRepository } from './case-query.repository';
import {
  checkClose,
  checkReopen,
  childrenWithoutOrder,
  CLOSURE_REASON_ORDERS,
  replay,
} from 'src/case-history/case-state';
import { CaseRepository } from './case.repository';
import { CLOSURE_REASONS, ClosureReason, PrimaryNeed, REFERRAL_SOURCES } from './cin-codes';
import { assertNoOtherOpenCase } from './one-open-case';
import { CloseCaseDto, ReopenCaseDto } from './dto/case.dto';
import type { CaseResponse } from './dto/case.responses';
import { TimelineService } from './timeline.service';

/**
 * Closing and reopening: the only stage changes outside decisions. Both lock the case row,
 * replay its history (concerns, decisions, closures) and ask the pure stage machine.
 */
@Injectable()
export class CaseLifecycleService {
  constructor(
    private readonly history: CaseHistoryRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: CaseRepository,
    private readonly cases: CaseQueryRepository,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
  ) {}

  /**
   * Closing at once, on a manager's own authority (`case.close`: a family_help_manager of the
   * case's team): refused while anything blocks closure (409 with every reason) and on a case
   * that was ever co-worked, whose closure the accountable ECPP must agree (409
   * `ecpp_agreement_required`: propose it instead).
   */
  async close(actor: Actor, caseId: string, dto: CloseCaseDto): Promise<CaseResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.close', caseId, {
        lock: 'update',
        open: true,
      });
      const closedOn = await this.requireClosable(
        m,
        c,
        dto.closedOn ?? this.clock.today(),
        dto.reason,
      );
      if (await this.repo.everCoWorked(m, c.localAuthorityId, caseId)) {
        throw conflict(
          'ecpp_agreement_required',
          'This case was co-worked by an ECPP: propose its closure (POST /cases/:id/closure-proposals) so the accountable ECPP can agree',
        );
      }
      await this.writeClose(m, c, {
        reason: dto.reason,
        closedOn,
        note: dto.note ?? null,
        primaryNeed: dto.primaryNeed ?? null,
        authorisedById: actor.id,
        proposalId: null,
      });
      return (await this.cases.findOne(m, c.localAuthorityId, caseId)) as CaseResponse;
    });
  }

  /**
   * Whether the locked case `c` may close on `closedOn` now: 409 `case_closed`; 409 with the
   * first blocking reason as `code` and every one in `reasons` (`concern_open`, `s47_open`,
   * `plan_active`, `proceedings_open`); 400 on `closedOn` in the future or before the referral or
   * the last decision that took effect; 400 naming `reason` for RC3 / RC4 unless concluded care
   * proceedings made that order for every child of the case. Returns `closedOn`.
   */
  async requireClosable(
    m: EntityManager,
    c: CaseContext,
    closedOn: string,
    reason: string,
  ): Promise<string> {
    if (c.stage === 'closed') throw conflict('case_closed', 'The case is already closed');
    const history = await this.history.load(m, c.localAuthorityId, c.id);
    const verdict = checkClose(replay(history));
    if (!verdict.ok) {
      const reasons = 'reasons' in verdict ? verdict.reasons : [];
      throw conflict(verdict.code, `The case cannot be closed: ${verdict.detail}`, {
        reasons: reasons.map((r) => r.code),
      });
    }
    if (CLOSURE_REASON_ORDERS[reason]) {
      const concluded = await this.repo.concludedOrders(m, c.localAuthorityId, c.id);
      const missing = childrenWithoutOrder(reason, c.childIds, concluded);
      if (missing.length > 0)
        throw validationFailed(
          'reason',
          `${reason} needs concluded care proceedings that made a ${CLOSURE_REASON_ORDERS[reason]} for every child of the case; not made for ${missing.join(', ')}`,
        );
    }
    const { referralDate, cinPlanStartedOn } = await this.repo.referralAndClosure(
      m,
      c.localAuthorityId,
      c.id,
    );
    const lastEffective = history
      .map((e) => (e.kind === 'decision' ? e.effectiveDate : ''))
      .reduce((a, b) => (b > a ? b : a), referralDate);
    // The Family Help plan (CIN plan) ends with the closure, never before it started.
    const floor =
      cinPlanStartedOn && cinPlanStartedOn > lastEffective ? cinPlanStartedOn : lastEffective;
    requireDateInRange(
      'closedOn',
      closedOn,
      this.clock.today(),
      floor,
      floor === cinPlanStartedOn
        ? 'the Family Help plan started'
        : lastEffective === referralDate
          ? 'the referral'
          : 'the last decision that took effect',
    );
    return closedOn;
  }

  /**
   * THE write of a closure (the one place to re-point when closures are stored per episode): the
   * case row, its `case_closed` timeline event (→ the `case.closed` event) and the audit row, in
   * the caller's transaction. The case must be locked and `requireClosable` passed.
   */
  async writeClose(
    m: EntityManager,
    c: CaseContext,
    v: {
      reason: ClosureReason;
      closedOn: string;
      note: string | null;
      primaryNeed: string | null;
      authorisedById: string;
      proposalId: string | null;
    },
  ): Promise<void> {
    await this.repo.close(m, c.localAuthorityId, c.id, {
      reason: v.reason,
      closedOn: v.closedOn,
      primaryNeed: v.primaryNeed as PrimaryNeed | null,
    });
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: 'case_closed',
      summary: `Case closed on ${v.closedOn}: ${v.reason} (${CLOSURE_REASONS[v.reason]})`,
      data: {
        reason: v.reason,
        note: v.note,
        stageBefore: c.stage,
        closedOn: v.closedOn,
        primaryNeed: v.primaryNeed,
        authorisedById: v.authorisedById,
        proposalId: v.proposalId,
      },
      recordType: 'case',
      recordId: c.id,
    });
    await this.audit.record(
      {
        action: 'case.close',
        recordType: 'case',
        recordId: c.id,
        childIds: c.childIds,
        changes: {
          stage: { before: c.stage, after: 'closed' },
          closureReason: { before: null, after: v.reason },
          closedOn: { before: null, after: v.closedOn },
          primaryNeedAtClosure: { before: null, after: v.primaryNeed },
        },
        reason: v.note,
        metadata: { authorisedById: v.authorisedById, proposalId: v.proposalId },
      },
      m,
    );
  }

  async reopen(actor: Actor, caseId: string, dto: ReopenCaseDto): Promise<CaseResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.reopen', caseId, { lock: 'update' });
      if (
        c.stage !== 'closed' ||
        !checkReopen(replay(await this.history.load(m, c.localAuthorityId, caseId))).ok
      )
        throw conflict('case_not_closed', 'Only a closed case can be reopened');
      const previous = await this.repo.referralAndClosure(m, c.localAuthorityId, caseId);
      requireDateInRange(
        'referral.date',
        dto.referral.date,
        this.clock.today(),
        previous.closedOn,
        'the closure it reopens',
      );
      await assertNoOtherOpenCase(m, c.localAuthorityId, c.childIds, caseId);
      await this.repo.setStage(m, c.localAuthorityId, caseId, 'family_help');
      await this.repo.setReferral(
        m,
        c.localAuthorityId,
        caseId,
        dto.referral.date,
        dto.referral.source,
      );
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'case_reopened',
        summary: `New referral received on ${dto.referral.date} from ${dto.referral.source} (${REFERRAL_SOURCES[dto.referral.source]}); case reopened in Family Help (closed ${previous.closedOn}: ${previous.closureReason})`,
        data: {
          reason: dto.reason.trim(),
          referral: dto.referral,
          previousReferral: { date: previous.referralDate, source: previous.referralSource },
          previousClosure: { on: previous.closedOn, reason: previous.closureReason },
        },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'case.reopen',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
          changes: {
            stage: { before: 'closed', after: 'family_help' },
            referral: {
              before: { date: previous.referralDate, source: previous.referralSource },
              after: dto.referral,
            },
            closureReason: { before: previous.closureReason, after: null },
          },
          reason: dto.reason.trim(),
        },
        m,
      );
      return (await this.cases.findOne(m, c.localAuthorityId, caseId)) as CaseResponse;
    });
  }
}
