import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict } from 'src/common/domain-error';
import { CaseQueryRepository } from './case-query.repository';
import { checkClose, checkReopen, replay } from 'src/case-history/case-state';
import { CaseRepository } from './case.repository';
import { CLOSURE_REASONS, REFERRAL_SOURCES } from './cin-codes';
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

  async close(actor: Actor, caseId: string, dto: CloseCaseDto): Promise<CaseResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.close', caseId, {
        lock: 'update',
        open: true,
      });
      const history = await this.history.load(m, c.localAuthorityId, caseId);
      const verdict = checkClose(replay(history));
      if (!verdict.ok) throw conflict(verdict.code, `The case cannot be closed: ${verdict.detail}`);
      const closedOn = dto.closedOn ?? this.clock.today();
      const { referralDate } = await this.repo.referralAndClosure(m, c.localAuthorityId, caseId);
      const lastEffective = history
        .map((e) => (e.kind === 'decision' ? e.effectiveDate : ''))
        .reduce((a, b) => (b > a ? b : a), referralDate);
      requireDateInRange(
        'closedOn',
        closedOn,
        this.clock.today(),
        lastEffective,
        lastEffective === referralDate ? 'the referral' : 'the last decision that took effect',
      );
      await this.repo.close(m, c.localAuthorityId, caseId, dto.reason);
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'case_closed',
        summary: `Case closed on ${closedOn}: ${dto.reason} (${CLOSURE_REASONS[dto.reason]})`,
        data: { reason: dto.reason, note: dto.note ?? null, stageBefore: c.stage, closedOn },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'case.close',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
          changes: {
            stage: { before: c.stage, after: 'closed' },
            closureReason: { before: null, after: dto.reason },
            closedOn: { before: null, after: closedOn },
          },
          reason: dto.note ?? null,
        },
        m,
      );
      return (await this.cases.findOne(m, c.localAuthorityId, caseId)) as CaseResponse;
    });
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
