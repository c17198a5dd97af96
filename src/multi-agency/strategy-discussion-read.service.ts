import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, CaseContext } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { notFound } from 'src/common/domain-error';
import {
  StrategyDiscussionRequestResponse,
  StrategyDiscussionResponse,
} from './dto/strategy-discussion.responses';
import {
  DiscussionRow,
  OutcomeRow,
  StrategyDiscussionRepository,
} from './strategy-discussion.repository';
import { missingCoreAgencies } from './strategy-discussion.rules';
import { STRATEGY_DISCUSSION } from './record-kinds';

const KIND = STRATEGY_DISCUSSION;

/** Strategy discussions read: a case's discussions and requests, one discussion (each read
 * audited), and the discussion (with its outcomes) as a response, for the writes too. */
@Injectable()
export class StrategyDiscussionReadService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: StrategyDiscussionRepository,
    private readonly audit: AuditService,
  ) {}

  listRequests(actor: Actor, caseId: string): Promise<StrategyDiscussionRequestResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'strategy_discussion.read', caseId);
      await this.audit.record(
        {
          action: 'strategy_discussion.read',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
        },
        m,
      );
      return this.repo.requests(m, c.localAuthorityId, caseId);
    });
  }

  list(actor: Actor, caseId: string): Promise<StrategyDiscussionResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'strategy_discussion.read', caseId);
      const rows = await this.repo.listForCase(m, c.localAuthorityId, caseId);
      await this.audit.record(
        {
          action: 'strategy_discussion.read',
          recordType: 'case',
          recordId: caseId,
          childIds: c.childIds,
        },
        m,
      );
      return this.views(m, c.localAuthorityId, rows);
    });
  }

  get(actor: Actor, id: string): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.requireDiscussion(m, actor, id, 'strategy_discussion.read');
      await this.audit.record(
        {
          action: 'strategy_discussion.read',
          recordType: KIND.name,
          recordId: id,
          childIds: d.childIds,
          metadata: { caseId: c.id },
        },
        m,
      );
      return this.view(m, c.localAuthorityId, d);
    });
  }

  /** The discussion `id` and its case, if `actor` may exercise `permission` on it (`run`: the case
   * row locked for update and open). */
  async requireDiscussion(
    m: EntityManager,
    actor: Actor,
    id: string,
    permission: 'strategy_discussion.run' | 'strategy_discussion.read' = 'strategy_discussion.run',
  ): Promise<{ c: CaseContext; d: DiscussionRow }> {
    const c = await this.access.requireRecordById(
      m,
      actor,
      permission,
      { kind: KIND, id },
      permission === 'strategy_discussion.run' ? { lock: 'update', open: true } : {},
    );
    const d = await this.repo.find(m, c.localAuthorityId, id);
    if (!d) throw notFound(STRATEGY_DISCUSSION.label);
    return { c, d };
  }

  async views(
    m: EntityManager,
    la: string,
    rows: DiscussionRow[],
  ): Promise<StrategyDiscussionResponse[]> {
    const outcomes = await this.repo.outcomes(
      m,
      la,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      toView(
        r,
        outcomes.filter((o) => o.discussionId === r.id),
      ),
    );
  }

  async view(m: EntityManager, la: string, r: DiscussionRow) {
    return (await this.views(m, la, [r]))[0];
  }
}

function toView(r: DiscussionRow, outcomes: OutcomeRow[]): StrategyDiscussionResponse {
  const strip = ({ discussionId: _d, supersededById: _s, ...o }: OutcomeRow) => o;
  return {
    id: r.id,
    caseId: r.caseId,
    teamId: r.teamId,
    status: r.status,
    childIds: r.childIds,
    concernIds: r.concernIds,
    scheduledFor: r.scheduledFor,
    format: r.format,
    invitees: r.invitees as StrategyDiscussionResponse['invitees'],
    heldOn: r.heldOn,
    participants: r.participants as StrategyDiscussionResponse['participants'],
    contributions: r.contributions,
    missingAgencies: r.heldOn ? missingCoreAgencies(r.participants, r.contributions) : [],
    cancelledReason: r.cancelledReason,
    requestId: r.requestId,
    outcome: outcomes.filter((o) => o.supersededById === null).map(strip)[0] ?? null,
    supersededOutcomes: outcomes.filter((o) => o.supersededById !== null).map(strip),
    createdById: r.createdById,
    createdAt: r.createdAt,
  };
}
