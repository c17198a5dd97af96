import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, CaseContext } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, forbidden, notFound, validationFailed } from 'src/common/domain-error';
import {
  CancelStrategyDiscussionDto,
  ConcludeStrategyDiscussionDto,
  ContributeDto,
  HoldStrategyDiscussionDto,
  RequestStrategyDiscussionDto,
  ScheduleStrategyDiscussionDto,
} from './dto/strategy-discussion.dto';
import {
  StrategyDiscussionRequestResponse,
  StrategyDiscussionResponse,
} from './dto/strategy-discussion.responses';
import {
  DiscussionRow,
  OutcomeRow,
  StrategyDiscussionRepository,
} from './strategy-discussion.repository';
import {
  checkCancel,
  checkConclude,
  checkContribute,
  checkHold,
  CitedDiscussion,
  Invitee,
  missingCoreAgencies,
  MultiAgency,
  ParentsInformed,
  Participant,
  Result,
} from './strategy-discussion.rules';
import { STRATEGY_DISCUSSION } from './record-kinds';

const KIND = STRATEGY_DISCUSSION;

function orConflict(r: Result<unknown>): void {
  if (!r.ok) throw conflict(r.code, r.detail);
}

function requireChildren(field: string, ids: readonly string[], caseChildIds: readonly string[]) {
  const outside = ids.filter((id) => !caseChildIds.includes(id));
  if (outside.length)
    throw validationFailed(field, `not children of this case: ${outside.join(', ')}`);
}

/**
 * Strategy discussions (docs/multi-agency.md): scheduled, held, concluded
 * once (corrections supersede) or cancelled; run by the co-working ECPP or a cp_manager; asked
 * for by the case's Family Help team. Each change, its timeline entry (and so its event) and its
 * audit row are one transaction.
 */
@Injectable()
export class StrategyDiscussionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: StrategyDiscussionRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
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
      const invitees = await this.invitees(m, la, dto);
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
      await this.write(m, c, actor, {
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
      return this.view(m, la, (await this.repo.find(m, la, id)) as DiscussionRow);
    });
  }

  hold(
    actor: Actor,
    id: string,
    dto: HoldStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.requireDiscussion(m, actor, id);
      orConflict(checkHold(d.status));
      const concerns = await this.repo.concerns(m, c.localAuthorityId, c.id, d.concernIds);
      const floor = [c.referralDate, ...concerns.map((x) => x.raisedOn)].sort().at(-1) ?? null;
      requireDateInRange(
        'heldOn',
        dto.heldOn,
        this.clock.today(),
        floor,
        'the concerns it discusses',
      );
      const participants = await this.participants(m, c.localAuthorityId, dto);
      const contributions = dto.contributions.map((x) => ({
        agency: x.agency,
        summary: x.summary,
      }));
      await this.repo.setHeld(m, c.localAuthorityId, id, {
        heldOn: dto.heldOn,
        participants,
        contributions,
      });
      const missing = missingCoreAgencies(participants, contributions);
      await this.write(m, c, actor, {
        id,
        type: 'strategy_discussion_held',
        action: 'strategy_discussion.hold',
        summary:
          `Strategy discussion held on ${dto.heldOn}` +
          (missing.length ? `; did not take part: ${missing.join(', ')}` : ''),
        childIds: d.childIds,
        data: {
          discussionId: id,
          childIds: d.childIds,
          heldOn: dto.heldOn,
          agencies: [...new Set(participants.filter((p) => p.attended).map((p) => p.agency))],
          missingAgencies: missing,
        },
        changes: diffFields({}, { heldOn: dto.heldOn, participants, contributions }, [
          'heldOn',
          'participants',
          'contributions',
        ]),
      });
      return this.view(m, c.localAuthorityId, (await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }

  conclude(
    actor: Actor,
    id: string,
    dto: ConcludeStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.requireDiscussion(m, actor, id);
      const la = c.localAuthorityId;
      const outcomes = await this.repo.outcomes(m, la, [id]);
      const current = outcomes.find((o) => o.supersededById === null) ?? null;
      orConflict(checkConclude(d.status, current?.id ?? null, dto.supersedesId ?? null));
      const parentsInformed = this.parentsInformed(dto, d.heldOn as string);
      if (dto.nextDiscussionOn && dto.nextDiscussionOn < (d.heldOn as string))
        throw validationFailed(
          'nextDiscussionOn',
          `${dto.nextDiscussionOn} is before the discussion was held (${d.heldOn})`,
        );
      const outcome = {
        discussionId: id,
        s47: dto.s47,
        immediateProtection: dto.immediateProtection,
        medical: dto.medical,
        abeInterview: dto.abeInterview,
        parentsInformed,
        rationale: dto.rationale,
        dissent: dto.dissent.map((x) => ({ agency: x.agency, view: x.view })),
        nextDiscussionOn: dto.nextDiscussionOn ?? null,
        supersedesId: dto.supersedesId ?? null,
        recordedById: actor.id,
      };
      const outcomeId = await this.repo.insertOutcome(m, la, outcome);
      if (d.status !== 'concluded') await this.repo.setStatus(m, la, id, 'concluded');
      // An agreed s47 enquiry keeps the team's MACPT members on the case until it ends.
      await this.repo.setEnquiryOpen(m, la, id, dto.s47 !== 'none');
      const corrected = outcome.supersedesId ? ' (corrects the earlier outcome)' : '';
      await this.write(m, c, actor, {
        id,
        type: 'strategy_discussion_concluded',
        action: 'strategy_discussion.conclude',
        summary: `Strategy discussion concluded: section 47 ${dto.s47.replace(/_/g, ' ')}, immediate protection ${dto.immediateProtection.replace(/_/g, ' ')}${corrected}`,
        childIds: d.childIds,
        data: {
          discussionId: id,
          outcomeId,
          childIds: d.childIds,
          heldOn: d.heldOn,
          s47: dto.s47,
          immediateProtection: dto.immediateProtection,
          ...(outcome.supersedesId ? { supersedesId: outcome.supersedesId } : {}),
        },
        changes: diffFields({}, outcome, [
          's47',
          'immediateProtection',
          'medical',
          'abeInterview',
          'parentsInformed',
          'rationale',
          'dissent',
          'nextDiscussionOn',
          'supersedesId',
        ]),
      });
      return this.view(m, la, (await this.repo.find(m, la, id))!);
    });
  }

  cancel(
    actor: Actor,
    id: string,
    dto: CancelStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.requireDiscussion(m, actor, id);
      orConflict(checkCancel(d.status));
      await this.repo.setStatus(m, c.localAuthorityId, id, 'cancelled', dto.reason);
      await this.write(m, c, actor, {
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
      return this.view(m, c.localAuthorityId, (await this.repo.find(m, c.localAuthorityId, id))!);
    });
  }

  /** A MACPT member of the discussion's team (or the co-working ECPP) adds its agency's
   * contribution while the discussion is scheduled or held. */
  contribute(actor: Actor, id: string, dto: ContributeDto): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(
        m,
        actor,
        'strategy_discussion.contribute',
        { kind: KIND, id },
        { lock: 'update' },
      );
      const la = c.localAuthorityId;
      const d = (await this.repo.find(m, la, id)) as DiscussionRow;
      orConflict(checkContribute(d.status));
      let agency: MultiAgency = 'social_care';
      if (!(c.relation.coWorker && actor.roles.includes('ecpp'))) {
        const membership = d.teamId ? await this.repo.macptMembership(m, d.teamId, actor.id) : null;
        if (!membership)
          throw forbidden("Only a MACPT member of the discussion's team contributes to it");
        agency = membership.agency as MultiAgency;
      }
      await this.repo.addContribution(m, la, id, {
        agency,
        summary: dto.summary,
        userId: actor.id,
      });
      await this.write(m, c, actor, {
        id,
        type: 'strategy_discussion_contribution',
        action: 'strategy_discussion.contribute',
        summary: `Contribution to the strategy discussion from ${agency.replace(/_/g, ' ')}`,
        childIds: d.childIds,
        data: { discussionId: id, agency },
        changes: diffFields({}, { agency, summary: dto.summary }, ['agency', 'summary']),
      });
      return this.view(m, la, (await this.repo.find(m, la, id))!);
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

  private async requireDiscussion(
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

  private async invitees(
    m: EntityManager,
    la: string,
    dto: ScheduleStrategyDiscussionDto,
  ): Promise<Invitee[]> {
    const ids = dto.invitees.flatMap((i) => (i.userId ? [i.userId] : []));
    const users = await this.repo.users(m, la, ids);
    return dto.invitees.map((i, n) => {
      const field = `invitees[${n}]`;
      if (i.userId) {
        if (i.name !== undefined || i.organisation !== undefined)
          throw validationFailed(field, 'give either userId, or name, agency and organisation');
        const u = users.find((x) => x.id === i.userId);
        if (!u)
          throw validationFailed(`${field}.userId`, 'no user with this id in your local authority');
        return { userId: i.userId, agency: (i.agency ?? u.agency ?? null) as Invitee['agency'] };
      }
      if (!i.name || !i.agency)
        throw validationFailed(field, 'give either userId, or name, agency and organisation');
      return { name: i.name, agency: i.agency, organisation: i.organisation ?? null };
    });
  }

  private async participants(
    m: EntityManager,
    la: string,
    dto: HoldStrategyDiscussionDto,
  ): Promise<Participant[]> {
    const ids = dto.participants.flatMap((p) => (p.userId ? [p.userId] : []));
    const users = await this.repo.users(m, la, ids);
    return dto.participants.map((p, n) => {
      const field = `participants[${n}]`;
      if ((p.userId === undefined) === (p.name === undefined))
        throw validationFailed(field, 'give either userId or name');
      if (p.userId && !users.some((u) => u.id === p.userId))
        throw validationFailed(`${field}.userId`, 'no user with this id in your local authority');
      return {
        userId: p.userId ?? null,
        name: p.name ?? null,
        agency: p.agency,
        attended: p.attended,
      };
    });
  }

  private parentsInformed(dto: ConcludeStrategyDiscussionDto, heldOn: string): ParentsInformed {
    const p = dto.parentsInformed;
    if (p.deferredReason !== undefined) {
      if (p.by !== undefined || p.on !== undefined)
        throw validationFailed('parentsInformed', 'give either by and on, or deferredReason');
      return { deferredReason: p.deferredReason };
    }
    if (p.by === undefined || p.on === undefined)
      throw validationFailed('parentsInformed', 'give either by and on, or deferredReason');
    if (p.on < heldOn)
      throw validationFailed(
        'parentsInformed.on',
        `${p.on} is before the discussion was held (${heldOn})`,
      );
    return { by: p.by, on: p.on };
  }

  private async write(
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

  private async views(
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

  private async view(m: EntityManager, la: string, r: DiscussionRow) {
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
