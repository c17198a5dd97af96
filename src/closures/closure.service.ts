import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService, CaseContext } from 'src/access/access.service';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { CaseLifecycleService } from 'src/cases/case-lifecycle.service';
import { TimelineService } from 'src/cases/timeline.service';
import { Clock } from 'src/common/clock';
import { DomainError, conflict } from 'src/common/domain-error';
import { ClosureRepository } from './closure.repository';
import { CLOSURE_PROPOSAL } from './record-kinds';
import type { ClosureProposalResponse, ProposeClosureDto } from './dto/closure.dto';

const RECORD = (id: string) => ({ kind: CLOSURE_PROPOSAL, id });

/**
 * Closure with authority (docs/conferences.md, "Closing a case"): the Family Help team proposes
 * (reason, `closedOn`, primary need), a family_help_manager of the case's team authorises and,
 * on a case ever co-worked, the accountable ECPP agrees. The last of these closes the case with
 * the proposed `closedOn`, in the same transaction. Each step re-checks what blocks closure.
 */
@Injectable()
export class ClosureService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: ClosureRepository,
    private readonly lifecycle: CaseLifecycleService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  propose(actor: Actor, caseId: string, dto: ProposeClosureDto): Promise<ClosureProposalResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'closure.propose', caseId, {
        lock: 'update',
      });
      await this.lifecycle.requireClosable(m, c, dto.closedOn, dto.reason);
      const p = await this.repo.insert(m, c.localAuthorityId, {
        caseId,
        reason: dto.reason,
        closedOn: dto.closedOn,
        primaryNeed: dto.primaryNeed,
        note: dto.note?.trim() || null,
        proposedById: actor.id,
      });
      await this.timeline.append(m, {
        caseId,
        localAuthorityId: c.localAuthorityId,
        type: 'closure_proposed',
        summary: `Closure proposed (${dto.reason}, closing on ${dto.closedOn}); awaiting ${
          p.ecppAgreementRequired
            ? "a manager's authorisation and the ECPP's agreement"
            : "a manager's authorisation"
        }`,
        data: {
          proposalId: p.id,
          reason: dto.reason,
          closedOn: dto.closedOn,
          primaryNeed: dto.primaryNeed,
        },
        recordType: 'closure_proposal',
        recordId: p.id,
      });
      await this.audit.record(
        {
          action: 'closure.propose',
          recordType: 'closure_proposal',
          recordId: p.id,
          childIds: c.childIds,
          changes: diffFields({}, p, ['reason', 'closedOn', 'primaryNeed', 'note']),
          metadata: { caseId },
        },
        m,
      );
      return p;
    });
  }

  /** The family_help_manager of the case's team authorises (never their own proposal). */
  authorise(actor: Actor, id: string): Promise<ClosureProposalResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'closure.authorise', RECORD(id), {
        lock: 'update',
      });
      const p = await this.open(m, c, id);
      if (p.proposedById === actor.id) {
        throw new DomainError(
          403,
          'self_authorisation',
          'A closure is authorised by a manager other than the one who proposed it',
        );
      }
      if (p.authorisation)
        throw conflict('already_authorised', 'This closure is already authorised');
      await this.lifecycle.requireClosable(m, c, p.closedOn, p.reason);
      await this.repo.authorise(m, c.localAuthorityId, id, actor.id);
      await this.signOffEvent(
        m,
        c,
        p,
        'closure_authorised',
        'Closure authorised by the Family Help manager',
      );
      return this.closeIfComplete(m, c, id);
    });
  }

  /** The accountable ECPP (or a cover ECPP while the cover runs) agrees the closure. */
  agree(actor: Actor, id: string): Promise<ClosureProposalResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'closure.agree', RECORD(id), {
        lock: 'update',
      });
      const p = await this.open(m, c, id);
      const a = await this.repo.activeAssignment(m, c.localAuthorityId, c.id, actor.id);
      const today = this.clock.today();
      if (
        !a ||
        (a.kind === 'cover' && (today < a.assignedOn || (a.coverTo !== null && today > a.coverTo)))
      ) {
        throw new DomainError(
          403,
          'cover_not_active',
          'Only the accountable ECPP, or a cover ECPP while the cover runs, agrees a closure',
        );
      }
      if (p.ecppAgreement)
        throw conflict('already_agreed', 'The ECPP has already agreed this closure');
      await this.lifecycle.requireClosable(m, c, p.closedOn, p.reason);
      await this.repo.agree(m, c.localAuthorityId, id, actor.id);
      await this.signOffEvent(m, c, p, 'closure_agreed', 'Closure agreed by the co-working ECPP');
      return this.closeIfComplete(m, c, id);
    });
  }

  list(actor: Actor, caseId: string): Promise<ClosureProposalResponse[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireCase(m, actor, 'case.read', caseId);
      const rows = await this.repo.findByCase(m, c.localAuthorityId, caseId);
      await this.audit.record(
        { action: 'closure.read', recordType: 'case', recordId: caseId, childIds: c.childIds },
        m,
      );
      return rows;
    });
  }

  get(actor: Actor, id: string): Promise<ClosureProposalResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.access.requireRecordById(m, actor, 'case.read', RECORD(id));
      const p = (await this.repo.find(m, c.localAuthorityId, id)) as ClosureProposalResponse;
      await this.audit.record(
        {
          action: 'closure.read',
          recordType: 'closure_proposal',
          recordId: id,
          childIds: c.childIds,
          metadata: { caseId: c.id },
        },
        m,
      );
      return p;
    });
  }

  /** The proposal, still open on an open case (409 `case_closed` otherwise). */
  private async open(m: EntityManager, c: CaseContext, id: string) {
    const p = (await this.repo.find(m, c.localAuthorityId, id)) as ClosureProposalResponse;
    if (p.status === 'closed' || c.stage === 'closed') {
      throw conflict('case_closed', 'The case is already closed');
    }
    return p;
  }

  private async signOffEvent(
    m: EntityManager,
    c: CaseContext,
    p: ClosureProposalResponse,
    type: 'closure_authorised' | 'closure_agreed',
    summary: string,
  ) {
    await this.timeline.append(m, {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      type,
      summary: `${summary} (${p.reason}, closing on ${p.closedOn})`,
      data: { proposalId: p.id },
      recordType: 'closure_proposal',
      recordId: p.id,
    });
    await this.audit.record(
      {
        action: type === 'closure_authorised' ? 'closure.authorise' : 'closure.agree',
        recordType: 'closure_proposal',
        recordId: p.id,
        childIds: c.childIds,
        metadata: { caseId: c.id },
      },
      m,
    );
  }

  /** Closes the case once every sign-off the proposal needs is there. */
  private async closeIfComplete(
    m: EntityManager,
    c: CaseContext,
    id: string,
  ): Promise<ClosureProposalResponse> {
    const p = (await this.repo.find(m, c.localAuthorityId, id)) as ClosureProposalResponse;
    if (!p.authorisation || (p.ecppAgreementRequired && !p.ecppAgreement)) return p;
    await this.lifecycle.writeClose(m, c, {
      reason: p.reason,
      closedOn: p.closedOn,
      note: p.note,
      primaryNeed: p.primaryNeed,
      authorisedById: p.authorisation.byId,
      proposalId: p.id,
    });
    await this.repo.markClosed(m, c.localAuthorityId, id);
    return { ...p, status: 'closed' };
  }
}
