import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseContext } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { STRATEGY_DISCUSSION } from './record-kinds';

const KIND = STRATEGY_DISCUSSION;

/**
 * A change to a strategy discussion leaves its timeline entry (and so its event) and its audit
 * row, in the change's transaction: for the arranging (StrategyDiscussionService) and for what
 * happened at the discussion (StrategyDiscussionMeetingService).
 */
@Injectable()
export class StrategyDiscussionJournal {
  constructor(
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  async write(
    m: EntityManager,
    c: CaseContext,
    actor: Actor,
    e: {
      id: string;
      type: string;
      action: string;
      summary: string;
      childIds: string[];
      data: Record<string, unknown>;
      changes: ReturnType<typeof diffFields>;
    },
  ) {
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type: e.type,
      summary: e.summary,
      data: e.data,
      recordType: KIND.name,
      recordId: e.id,
      actor,
    });
    await this.audit.record(
      {
        action: e.action,
        recordType: KIND.name,
        recordId: e.id,
        childIds: e.childIds,
        changes: e.changes,
        metadata: { caseId: c.id },
      },
      m,
    );
  }
}
