import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { conflict } from 'src/common/domain-error';
import { CaseQueryRepository } from './case-query.repository';
import { checkClose, checkReopen, replay } from 'src/case-history/case-state';
import { CaseRepository } from './case.repository';
import { CLOSURE_REASONS } from './cin-codes';
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
  ) {}

  async close(actor: Actor, caseId: string, dto: CloseCaseDto): Promise<CaseResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.close', caseId, { lock: 'update' });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is already closed');
      const verdict = checkClose(replay(await this.history.load(m, c.localAuthorityId, caseId)));
      if (!verdict.ok) throw conflict(verdict.code, `The case cannot be closed: ${verdict.detail}`);
      await this.repo.close(m, c.localAuthorityId, caseId, dto.reason);
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'case_closed',
        summary: `Case closed: ${dto.reason} (${CLOSURE_REASONS[dto.reason]})`,
        data: { reason: dto.reason, note: dto.note ?? null, stageBefore: c.stage },
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
      await this.repo.setStage(m, c.localAuthorityId, caseId, 'family_help');
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'case_reopened',
        summary: 'Case reopened in Family Help',
        data: { reason: dto.reason.trim() },
        recordType: 'case',
        recordId: caseId,
      });
      await this.audit.record(
        {
          action: 'case.reopen',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
          changes: { stage: { before: 'closed', after: 'family_help' } },
          reason: dto.reason.trim(),
        },
        m,
      );
      return (await this.cases.findOne(m, c.localAuthorityId, caseId)) as CaseResponse;
    });
  }
}
