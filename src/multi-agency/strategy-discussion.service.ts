import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { conflict, validationFailed } from 'src/common/domain-error';
import {
  CancelStrategyDiscussionDto,
  RequestStrategyDiscussionDto,
  ScheduleStrategyDiscussionDto,
} from './dto/strategy-discussion.dto';
import {
  StrategyDiscussionRequestResponse,
  StrategyDiscussionResponse,
} from './dto/strategy-discussion.responses';
import { DiscussionRow, StrategyDiscussionRepository } from './strategy-discussion.repository';
import { checkCancel, CitedDiscussion, missingCoreAgencies } from './strategy-discussion.rules';
import { StrategyDiscussionJournal } from './strategy-discussion-journal';
import { StrategyDiscussionReadService } from './strategy-discussion-read.service';
import * as inputs from './strategy-discussion.inputs';
import { orConflict, requireChildren } from './strategy-discussion.inputs';

/**
 * Strategy discussions arranged (docs/multi-agency.md): asked for by the case's Family Help team
 * (or a front-door decision), scheduled (answering a request) or cancelled by the co-working
 * ECPP or a cp_manager; and what a section 47 decision needs of the discussion it cites. Each
 * change, its timeline entry (and so its event) and its audit row are one transaction. What
 * happened at one (held, contributions, outcome): StrategyDiscussionMeetingService; the reads:
 * StrategyDiscussionReadService.
 */
@Injectable()
export class StrategyDiscussionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: StrategyDiscussionRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly journal: StrategyDiscussionJournal,
    private readonly reads: StrategyDiscussionReadService,
  ) {}

  schedule(
    actor: Actor,
    caseId: string,
    dto: ScheduleStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'strategy_discussion.run', caseId, {
        lock: 'update',
        open: true,
      });
      const la = c.localAuthorityId;
      requireChildren('childIds', dto.childIds, c.childIds);
      const concerns = await this.repo.concerns(m, la, caseId, dto.concernIds);
      const unknown = dto.concernIds.filter((id) => !concerns.some((x) => x.id === id));
      if (unknown.length)
        throw validationFailed('concernIds', `not concerns of this case: ${unknown.join(', ')}`);
      const closed = concerns.filter((x) => !x.open).map((x) => x.id);
      if (closed.length)
        throw validationFailed('concernIds', `these concerns are closed: ${closed.join(', ')}`);
      const invitees = await inputs.invitees(this.repo, m, la, dto);
      if (dto.requestId) {
        const [request] = await this.repo.requests(m, la, caseId, dto.requestId);
        if (!request)
          throw validationFailed(
            'requestId',
            'no strategy discussion request with this id on this case',
          );
        if (request.status !== 'open')
          throw conflict(
            'request_already_answered',
            `the request was answered by strategy discussion ${request.answeredByDiscussionId}`,
          );
      }
      const teamId = await this.repo.cpTeamOf(m, la, actor.id);
      const id = await this.repo.insert(m, la, {
        caseId,
        teamId,
        childIds: dto.childIds,
        concernIds: dto.concernIds,
        scheduledFor: new Date(dto.scheduledFor).toISOString(),
        format: dto.format,
        invitees,
        requestId: dto.requestId ?? null,
        createdById: actor.id,
      });
      if (dto.requestId) await this.repo.answerRequest(m, la, dto.requestId, id);
      await this.journal.write(m, c, actor, {
        id,
        type: 'strategy_discussion_scheduled',
        action: 'strategy_discussion.schedule',
        summary: `Strategy discussion (${dto.format}) scheduled for ${new Date(dto.scheduledFor).toISOString()}`,
        childIds: dto.childIds,
        data: { discussionId: id, childIds: dto.childIds, scheduledFor: dto.scheduledFor },
        changes: diffFields({}, { ...dto, invitees }, [
          'childIds',
          'concernIds',
          'scheduledFor',
          'format',
          'invitees',
          'requestId',
        ]),
      });
      return this.reads.view(m, la, (await this.repo.find(m, la, id)) as DiscussionRow);
    });
  }

  cancel(
    actor: Actor,
    id: string,
    dto: CancelStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.reads.requireDiscussion(m, actor, id);
      orConflict(checkCancel(d.status));
      await this.repo.setStatus(m, c.localAuthorityId, id, 'cancelled', dto.reason);
      await this.journal.write(m, c, actor, {
        id,
        type: 'strategy_discussion_cancelled',
        action: 'strategy_discussion.cancel',
        summary: `Strategy discussion cancelled: ${dto.reason}`,
        childIds: d.childIds,
        data: { discussionId: id, childIds: d.childIds },
        changes: diffFields(
          { status: d.status, reason: null as string | null },
          { status: 'cancelled', reason: dto.reason },
          ['status', 'reason'],
        ),
      });
      return this.reads.view(
        m,
        c.localAuthorityId,
        (await this.repo.find(m, c.localAuthorityId, id))!,
      );
    });
  }

  /** A s47 decision cites the discussion: its enquiry is open. */
  async enquiryStarted(m: EntityManager, la: string, discussionId: string): Promise<void> {
    await this.repo.setEnquiryOpen(m, la, discussionId, true);
  }

  /** The case's s47 enquiry ended (no further action, step-down). */
  async enquiryEnded(m: EntityManager, la: string, caseId: string): Promise<void> {
    await this.repo.endEnquiries(m, la, caseId);
  }

  requestOne(
    actor: Actor,
    caseId: string,
    dto: RequestStrategyDiscussionDto,
  ): Promise<StrategyDiscussionRequestResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'strategy_discussion.request', caseId, {
        lock: 'share',
        open: true,
      });
      requireChildren('childIds', dto.childIds, c.childIds);
      const id = await this.recordRequest(m, actor, c, dto, 'the Family Help team');
      return (await this.repo.requests(m, c.localAuthorityId, caseId, id))[0];
    });
  }

  /**
   * Writes a strategy discussion request on case `c` (its children already checked), with its
   * timeline entry and audit row, in the caller's transaction: the Family Help team's request
   * above, or a front-door decision (src/front-door) that the caller's route has authorised.
   */
  async recordRequest(
    m: EntityManager,
    actor: Actor,
    c: { id: string; localAuthorityId: string },
    dto: { childIds: string[]; reason: string },
    by: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const caseId = c.id;
    const id = await this.repo.insertRequest(m, c.localAuthorityId, {
      caseId,
      childIds: dto.childIds,
      reason: dto.reason,
      requestedById: actor.id,
    });
    await this.timeline.append(m, {
      caseId,
      localAuthorityId: c.localAuthorityId,
      type: 'strategy_discussion_requested',
      summary: `Strategy discussion requested by ${by}`,
      data: { requestId: id, childIds: dto.childIds, ...extra },
      recordType: 'strategy_discussion_request',
      recordId: id,
      actor,
    });
    await this.audit.record(
      {
        action: 'strategy_discussion.request',
        recordType: 'strategy_discussion_request',
        recordId: id,
        childIds: dto.childIds,
        changes: diffFields({}, dto, ['childIds', 'reason']),
        metadata: { caseId, ...extra },
      },
      m,
    );
    return id;
  }

  /**
   * What a section 47 decision needs of the discussion it cites (null: none with this id on the
   * case). Read inside the decision's transaction.
   */
  async citation(
    m: EntityManager,
    la: string,
    caseId: string,
    id: string,
  ): Promise<CitedDiscussion | null> {
    const d = await this.repo.find(m, la, id);
    if (!d || d.caseId !== caseId) return null;
    const outcomes = await this.repo.outcomes(m, la, [id]);
    const current = outcomes.find((o) => o.supersededById === null) ?? null;
    return {
      status: d.status,
      childIds: d.childIds,
      heldOn: d.heldOn,
      s47: current?.s47 ?? null,
      missingAgencies: missingCoreAgencies(d.participants, d.contributions),
    };
  }
}
