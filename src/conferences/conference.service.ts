import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService, CaseContext } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { replay } from 'src/case-history/case-state';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { DomainError, conflict, validationFailed } from 'src/common/domain-error';
import { isQuorate, outcomeProblems } from './conference-rules';
import { ConferenceRepository } from './conference.repository';
import { CONFERENCE } from './record-kinds';
import type {
  ConferenceResponse,
  RecordHeldDto,
  RecordOutcomeDto,
  ScheduleConferenceDto,
} from './dto/conference.dto';

const RECORD = (id: string) => ({ kind: CONFERENCE, id });
const LABEL: Record<string, string> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  transfer_in: 'Transfer-in conference',
  pre_birth: 'Pre-birth conference',
};

/**
 * Child protection conferences (docs/conferences.md): the cp_manager schedules one with an
 * independent chair; the chair records it held and its outcome per child. Each step writes the
 * record, its timeline event (→ integration event) and its audit row in one transaction.
 */
@Injectable()
export class ConferenceService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: ConferenceRepository,
    private readonly history: CaseHistoryRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  schedule(actor: Actor, caseId: string, dto: ScheduleConferenceDto): Promise<ConferenceResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'conference.schedule', caseId, {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const outside = dto.childIds.filter((id) => !c.childIds.includes(id));
      if (outside.length) {
        throw validationFailed('childIds', `not children of this case: ${outside.join(', ')}`);
      }
      await this.requireIndependentChair(m, c, dto.chairId);
      await this.requireBirthFits(m, c, dto);
      const state = replay(await this.history.load(m, c.localAuthorityId, caseId));
      if (dto.type === 'initial' && !state.icpc.convened) {
        throw conflict(
          'no_conference_convened',
          'An initial conference is convened by the ECPP’s decision (convene_initial_cp_conference) first',
        );
      }
      if (dto.type === 'review') {
        const notOn = dto.childIds.filter((id) => !(id in state.cpPlans));
        if (notOn.length) {
          throw conflict(
            'child_not_on_plan',
            `A review conference is for children on a plan: not on one ${notOn.join(', ')}`,
          );
        }
      }
      const k = await this.repo.insert(m, c.localAuthorityId, {
        caseId,
        type: dto.type,
        childIds: dto.childIds,
        scheduledFor: dto.scheduledFor,
        chairId: dto.chairId,
        scheduledById: actor.id,
      });
      await this.event(
        m,
        c,
        k,
        'conference_scheduled',
        `${LABEL[k.type]} scheduled for ${k.scheduledFor.slice(0, 10)}`,
        {
          type: k.type,
          childIds: k.childIds,
          scheduledFor: k.scheduledFor,
          chairId: k.chairId,
        },
      );
      return k;
    });
  }

  /** The chair records the conference held: attendance, quorum, parents, the child's views. */
  recordHeld(actor: Actor, id: string, dto: RecordHeldDto): Promise<ConferenceResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'conference.chair', RECORD(id), {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const k = (await this.repo.find(m, c.localAuthorityId, id)) as ConferenceResponse;
      if (k.status !== 'scheduled') {
        throw conflict('conference_already_held', `The conference was held on ${k.heldOn}`);
      }
      requireDateInRange('heldOn', dto.heldOn, this.clock.today(), c.referralDate, 'the referral');
      if (!dto.parents.attended && !dto.parents.excludedReason) {
        throw validationFailed(
          'parents.excludedReason',
          'when the parents did not attend, say why (excluded or absent)',
        );
      }
      const quorum = await this.repo.quorumOtherAgencies(m, c.localAuthorityId);
      const quorate = isQuorate(dto.attendance, quorum);
      if (quorate) {
        // The timescales count a quorate conference as the conference held.
        await this.repo.insertHeldMeeting(m, c.localAuthorityId, {
          caseId: c.id,
          type: k.type,
          heldOn: dto.heldOn,
          attendees: dto.attendance
            .filter((a) => a.attended)
            .map((a) => (a.name ? `${a.name} (${a.agency})` : a.agency)),
          recordedById: actor.id,
        });
      }
      await this.repo.recordHeld(m, c.localAuthorityId, id, {
        heldOn: dto.heldOn,
        attendance: dto.attendance,
        quorate,
        parents: dto.parents,
        childViews: dto.childViews ?? null,
      });
      await this.event(
        m,
        c,
        k,
        'conference_held',
        `${LABEL[k.type]} held on ${dto.heldOn}${quorate ? '' : ' (not quorate)'}`,
        { type: k.type, heldOn: dto.heldOn, quorate },
      );
      return (await this.repo.find(m, c.localAuthorityId, id)) as ConferenceResponse;
    });
  }

  /** The chair records the outcome per child (once), on a quorate conference. */
  recordOutcome(actor: Actor, id: string, dto: RecordOutcomeDto): Promise<ConferenceResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'conference.chair', RECORD(id), {
        lock: 'update',
      });
      if (c.stage === 'closed') throw conflict('case_closed', 'The case is closed');
      const k = (await this.repo.find(m, c.localAuthorityId, id)) as ConferenceResponse;
      if (k.status === 'scheduled') {
        throw conflict('conference_not_held', 'Record the conference held first');
      }
      if (k.status === 'concluded') {
        throw conflict('conference_already_concluded', 'The outcome is already recorded');
      }
      if (!k.quorate) {
        throw conflict(
          'conference_not_quorate',
          'The conference was not quorate (social care and two other agencies): it cannot decide; reconvene it',
        );
      }
      const problems = outcomeProblems({
        type: k.type,
        conferenceChildIds: k.childIds,
        children: dto.children,
        coreGroup: dto.coreGroup,
        nextReviewBy: dto.nextReviewBy,
        heldOn: k.heldOn as string,
        leadPractitionerId: c.leadPractitionerId,
        accountableEcppId: await this.repo.accountableEcpp(m, c.localAuthorityId, c.id),
      });
      if (problems.length) {
        throw new DomainError(
          400,
          'validation_failed',
          problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          problems,
        );
      }
      await this.repo.recordOutcome(m, c.localAuthorityId, id, dto);
      const plans = dto.children.map((x) => x.plan).join(', ');
      await this.event(m, c, k, 'conference_concluded', `${LABEL[k.type]} outcome: plan ${plans}`, {
        type: k.type,
        children: dto.children.map(({ childId, plan, category }) => ({ childId, plan, category })),
        nextReviewBy: dto.nextReviewBy ?? null,
      });
      return (await this.repo.find(m, c.localAuthorityId, id)) as ConferenceResponse;
    });
  }

  list(actor: Actor, caseId: string): Promise<ConferenceResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      const rows = await this.repo.findByCase(m, c.localAuthorityId, caseId);
      await this.audit.record(
        { action: 'conference.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return rows;
    });
  }

  get(actor: Actor, id: string): Promise<ConferenceResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'conference.read', RECORD(id));
      const k = (await this.repo.find(m, c.localAuthorityId, id)) as ConferenceResponse;
      await this.audit.record(
        {
          action: 'conference.read',
          recordType: 'cp_conference',
          recordId: id,
          childIds: k.childIds,
          metadata: { caseId: c.id },
        },
        m,
      );
      return k;
    });
  }

  /** 400 not a user of the LA; 409 `not_conference_chair`, `user_inactive`,
   * `chair_not_independent` (the lead, an ECPP of the case, its team, its ECPPs' team). */
  /** A pre-birth conference is for unborn children only, and only it is (docs/conferences.md). */
  private async requireBirthFits(m: EntityManager, c: CaseContext, dto: ScheduleConferenceDto) {
    const unborn = await this.repo.unborn(m, c.localAuthorityId, dto.childIds);
    if (dto.type === 'pre_birth') {
      const born = dto.childIds.filter((id) => !unborn.includes(id));
      if (born.length) {
        throw conflict(
          'child_not_unborn',
          `A pre-birth conference is for unborn children: born (or no expected date) ${born.join(', ')}`,
        );
      }
    } else if (unborn.length) {
      throw conflict(
        'child_unborn',
        `An unborn child's conference is a pre_birth conference: ${unborn.join(', ')}`,
      );
    }
  }

  private async requireIndependentChair(m: EntityManager, c: CaseContext, chairId: string) {
    const u = await this.repo.chairCandidate(m, c.localAuthorityId, chairId, c.id);
    if (!u) throw validationFailed('chairId', 'no user with this id in your local authority');
    if (!u.roles.includes('conference_chair')) {
      throw conflict('not_conference_chair', 'the user does not hold the conference_chair role');
    }
    if (!u.active) throw conflict('user_inactive', 'the user is disabled');
    if (u.involved) {
      throw conflict(
        'chair_not_independent',
        "the chair must be independent of the case: not its lead practitioner, its ECPP, a member of its team or of its ECPP's team",
      );
    }
  }

  private async event(
    m: EntityManager,
    c: CaseContext,
    k: ConferenceResponse,
    type: 'conference_scheduled' | 'conference_held' | 'conference_concluded',
    summary: string,
    data: Record<string, unknown>,
  ) {
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type,
      summary,
      data: { conferenceId: k.id, ...data },
      recordType: 'cp_conference',
      recordId: k.id,
    });
    await this.audit.record(
      {
        action: type.replace('_', '.'),
        recordType: 'cp_conference',
        recordId: k.id,
        childIds: k.childIds,
        changes: Object.fromEntries(
          Object.entries(data).map(([key, after]) => [key, { before: null, after }]),
        ),
        metadata: { caseId: c.id },
      },
      m,
    );
  }
}
