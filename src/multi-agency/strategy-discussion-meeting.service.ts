import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { diffFields } from 'src/audit/audit.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { forbidden, validationFailed } from 'src/common/domain-error';
import {
  ConcludeStrategyDiscussionDto,
  ContributeDto,
  HoldStrategyDiscussionDto,
} from './dto/strategy-discussion.dto';
import { StrategyDiscussionResponse } from './dto/strategy-discussion.responses';
import { DiscussionRow, StrategyDiscussionRepository } from './strategy-discussion.repository';
import {
  checkConclude,
  checkContribute,
  checkHold,
  missingCoreAgencies,
  MultiAgency,
} from './strategy-discussion.rules';
import { STRATEGY_DISCUSSION } from './record-kinds';
import { StrategyDiscussionJournal } from './strategy-discussion-journal';
import { StrategyDiscussionReadService } from './strategy-discussion-read.service';
import * as inputs from './strategy-discussion.inputs';
import { orConflict } from './strategy-discussion.inputs';

const KIND = STRATEGY_DISCUSSION;

/**
 * What happened at a strategy discussion (docs/multi-agency.md): held (participants and
 * contributions), contributions from the MACPT members of its team, and concluded once
 * (corrections supersede). Each change, its timeline entry (and so its event) and its audit row
 * are one transaction. Arranging one (requested, scheduled, cancelled): StrategyDiscussionService.
 */
@Injectable()
export class StrategyDiscussionMeetingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: StrategyDiscussionRepository,
    private readonly journal: StrategyDiscussionJournal,
    private readonly clock: Clock,
    private readonly reads: StrategyDiscussionReadService,
  ) {}

  hold(
    actor: Actor,
    id: string,
    dto: HoldStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.reads.requireDiscussion(m, actor, id);
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
      const participants = await inputs.participants(this.repo, m, c.localAuthorityId, dto);
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
      await this.journal.write(m, c, actor, {
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
      return this.reads.view(
        m,
        c.localAuthorityId,
        (await this.repo.find(m, c.localAuthorityId, id))!,
      );
    });
  }

  conclude(
    actor: Actor,
    id: string,
    dto: ConcludeStrategyDiscussionDto,
  ): Promise<StrategyDiscussionResponse> {
    return this.ds.transaction(async (m) => {
      const { c, d } = await this.reads.requireDiscussion(m, actor, id);
      const la = c.localAuthorityId;
      const outcomes = await this.repo.outcomes(m, la, [id]);
      const current = outcomes.find((o) => o.supersededById === null) ?? null;
      orConflict(checkConclude(d.status, current?.id ?? null, dto.supersedesId ?? null));
      const parentsInformed = inputs.parentsInformed(dto, d.heldOn as string);
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
      await this.journal.write(m, c, actor, {
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
      return this.reads.view(m, la, (await this.repo.find(m, la, id))!);
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
      await this.journal.write(m, c, actor, {
        id,
        type: 'strategy_discussion_contribution',
        action: 'strategy_discussion.contribute',
        summary: `Contribution to the strategy discussion from ${agency.replace(/_/g, ' ')}`,
        childIds: d.childIds,
        data: { discussionId: id, agency },
        changes: diffFields({}, { agency, summary: dto.summary }, ['agency', 'summary']),
      });
      return this.reads.view(m, la, (await this.repo.find(m, la, id))!);
    });
  }
}
