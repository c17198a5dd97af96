import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { CoWorkingRepository } from './co-working.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { checkConcern, replay } from 'src/case-history/case-state';
import { CaseRepository } from 'src/cases/case.repository';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock, requireDateInRange } from 'src/common/clock';
import { conflict, DomainError, notFound, validationFailed } from 'src/common/domain-error';
import { AccessService, assertOpenCase } from 'src/access/access.service';
import {
  AssignCoWorkerDto,
  CoWorkerResponse,
  ConcernResponse,
  EcppAssignmentKind,
  EndCoWorkerDto,
  RaiseConcernDto,
} from './dto/co-working.dto';

const children = (n: number) => (n === 1 ? '1 child' : `${n} children`);

/** Concerns of significant harm and ECPP co-working on a case: the writes (the reads: CoWorkingReadService). */
@Injectable()
export class CoWorkingService {
  constructor(
    private readonly history: CaseHistoryRepository,
    private readonly repo: CoWorkingRepository,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  raiseConcern(actor: Actor, caseId: string, dto: RaiseConcernDto): Promise<ConcernResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'concern.raise', caseId, {
        lock: 'update',
      });
      const outside = dto.childIds.filter((id) => !c.childIds.includes(id));
      if (outside.length) {
        throw validationFailed('childIds', `not children of this case: ${outside.join(', ')}`);
      }
      assertOpenCase(c);
      const today = this.clock.today();
      const raisedOn = dto.raisedOn ?? today;
      requireDateInRange('raisedOn', raisedOn, today, c.referralDate, 'the referral');
      const history = await this.history.load(m, c.localAuthorityId, caseId);
      const allowed = checkConcern(replay(history));
      if (!allowed.ok) throw conflict(allowed.code, allowed.detail);
      const concern = await this.repo.insertConcern(m, {
        caseId,
        la: c.localAuthorityId,
        raisedById: actor.id,
        childIds: dto.childIds,
        summary: dto.summary,
        raisedOn,
      });
      // Concerns that an earlier closure ended are closed in the table too.
      const state = replay([
        ...history,
        {
          kind: 'concern_raised',
          id: concern.id,
          childIds: dto.childIds,
          at: raisedOn,
        },
      ]);
      await this.history.syncConcerns(m, c.localAuthorityId, caseId, state.openConcernIds, null);
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'concern_raised',
        summary: `Concern of significant harm raised about ${children(dto.childIds.length)} on ${raisedOn}`,
        data: { concernId: concern.id, childIds: dto.childIds, raisedOn },
        recordType: 'case_concern',
        recordId: concern.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'concern.raise',
          recordType: 'case_concern',
          recordId: concern.id,
          childIds: dto.childIds,
          changes: diffFields({}, { ...dto, raisedOn }, ['summary', 'childIds', 'raisedOn']),
          metadata: { caseId },
        },
        m,
      );
      return concern;
    });
  }

  /**
   * cp_manager assigns an ECPP (holds `ecpp`, member of a child_protection team of the LA).
   * The lead practitioner and team do not change. 400 if the user is not of this LA; 409
   * `not_ecpp` / `not_in_child_protection_team` / `user_inactive` / `already_assigned`.
   */
  assign(actor: Actor, caseId: string, dto: AssignCoWorkerDto): Promise<CoWorkerResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'coworker.assign', caseId, {
        lock: 'update',
        open: true,
      });
      if (dto.userId === actor.id) {
        // Separation of duties: a second person decides who decides.
        throw new DomainError(
          403,
          'self_assignment',
          'You cannot assign yourself as the ECPP of a case; another CP manager must',
        );
      }
      const user = await this.repo.findCandidateEcpp(m, c.localAuthorityId, dto.userId, caseId);
      if (!user) throw validationFailed('userId', 'no user with this id in your local authority');
      if (!user.roles.includes('ecpp')) {
        throw conflict('not_ecpp', 'the user does not hold the ecpp role');
      }
      if (!user.inCpTeam) {
        throw conflict(
          'not_in_child_protection_team',
          'the ECPP is not in a child_protection team',
        );
      }
      if (!user.cpSocialWorker) {
        throw conflict(
          'not_social_worker',
          'the ECPP must be a social worker (profession social_worker) of a child_protection team',
        );
      }
      if (user.id === c.leadPractitionerId || user.inCaseTeam) {
        throw conflict(
          'not_independent',
          user.id === c.leadPractitionerId
            ? "the ECPP cannot be the case's own lead practitioner"
            : "the ECPP cannot be a member of the case's Family Help team",
        );
      }
      if (!user.active) throw conflict('user_inactive', 'the user is disabled');
      const { assignedOn, kind, to } = this.assignmentDates(c.referralDate, dto);
      const current = await this.repo.findCaseCoWorkers(m, c.localAuthorityId, caseId);
      if (current.some((w) => w.active && w.userId === dto.userId)) {
        throw conflict('already_assigned', 'this ECPP is already co-working the case');
      }
      const accountable = current.find((w) => w.active && w.kind === 'accountable');
      if (kind === 'accountable' && accountable) {
        throw conflict(
          'accountable_ecpp_exists',
          'the case already has an accountable ECPP: end that assignment first, or assign this one as cover',
          { accountableUserId: accountable.userId },
        );
      }
      const assignment = await this.repo
        .insertCoWorker(m, c.localAuthorityId, {
          caseId,
          userId: dto.userId,
          assignedById: actor.id,
          assignedOn,
          kind,
          to,
        })
        .catch((err: unknown) => {
          if (
            err instanceof QueryFailedError &&
            (err.driverError as { code?: string }).code === '23505'
          ) {
            throw conflict('already_assigned', 'this ECPP is already co-working the case');
          }
          throw err;
        });
      await this.cases.touch(m, c.localAuthorityId, caseId); // GET /cases/:id lists co-workers: its ETag changes
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'co_worker_assigned',
        summary:
          kind === 'cover'
            ? `${user.name} assigned as cover ECPP from ${assignedOn} to ${to}`
            : `${user.name} assigned as accountable co-working ECPP from ${assignedOn}`,
        data: {
          coWorkerId: assignment.id,
          userId: dto.userId,
          role: 'ecpp',
          kind,
          assignedOn,
          to,
        },
        recordType: 'case_co_worker',
        recordId: assignment.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'case.co_worker.assign',
          recordType: 'case_co_worker',
          recordId: assignment.id,
          childIds: c.childIds,
          changes: diffFields({}, assignment, ['userId', 'role', 'kind', 'assignedOn', 'to']),
          metadata: { caseId },
        },
        m,
      );
      return assignment;
    });
  }

  /** The assignment's dates: `assignedOn` (default today) not in the future nor before the
   * referral; a cover has a `to` not before it; `to` belongs to cover only. */
  private assignmentDates(
    referralDate: string,
    dto: AssignCoWorkerDto,
  ): { assignedOn: string; kind: EcppAssignmentKind; to: string | null } {
    const today = this.clock.today();
    const assignedOn = dto.assignedOn ?? today;
    requireDateInRange('assignedOn', assignedOn, today, referralDate, 'the referral');
    const kind = dto.kind ?? 'accountable';
    if (kind === 'accountable' && dto.to !== undefined) {
      throw validationFailed('to', 'only a cover assignment has an end date (kind: cover)');
    }
    if (kind === 'cover') {
      if (dto.to === undefined)
        throw validationFailed('to', 'a cover assignment needs its last day');
      if (dto.to < assignedOn) {
        throw validationFailed('to', `${dto.to} is before the cover starts (${assignedOn})`);
      }
    }
    return { assignedOn, kind, to: dto.to ?? null };
  }

  /** Ends an active assignment (dated, with a reason); the row is kept. */
  end(
    actor: Actor,
    caseId: string,
    userId: string,
    dto: EndCoWorkerDto,
  ): Promise<CoWorkerResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'coworker.end', caseId, { lock: 'update' });
      const ended = await this.repo.endCoWorker(m, c.localAuthorityId, caseId, userId, dto.reason);
      if (!ended) throw notFound('Active co-worker assignment');
      await this.cases.touch(m, c.localAuthorityId, caseId);
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'co_worker_ended',
        summary: 'ECPP co-working ended',
        data: { coWorkerId: ended.id, userId, reason: dto.reason },
        recordType: 'case_co_worker',
        recordId: ended.id,
        actor,
      });
      await this.audit.record(
        {
          action: 'case.co_worker.end',
          recordType: 'case_co_worker',
          recordId: ended.id,
          childIds: c.childIds,
          changes: {
            endedAt: { before: null, after: ended.endedAt },
            endReason: { before: null, after: dto.reason },
          },
          metadata: { caseId, userId },
        },
        m,
      );
      return ended;
    });
  }
}
