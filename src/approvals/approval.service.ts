import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { PrincipalCache } from 'src/auth/principal-cache';
import { conflict, DomainError, notFound, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from 'src/common/pagination';
import { ApprovalRepository, ApprovalRow, ApprovalStatus } from './approval.repository';
import { approverConflict, type ApprovalKind } from './dual-control';
import type { ApprovalResponse, ListApprovalsQueryDto } from './dto/approval.dto';

/**
 * Applies an approved change inside the approval's transaction and returns the id of the
 * record it made or changed. Registered by the feature that owns the change (users, teams,
 * API clients), so this module imports none of them.
 */
export type ApprovalApplier = (
  m: EntityManager,
  approval: ApprovalRow,
  approver: Actor,
) => Promise<string>;

export function toApprovalResponse(a: ApprovalRow): ApprovalResponse {
  return {
    id: a.id,
    localAuthorityId: a.localAuthorityId,
    kind: a.kind,
    status: a.status,
    requestedById: a.requestedById,
    subjectUserId: a.subjectUserId,
    summary: a.summary,
    requestedAt: a.requestedAt,
    decidedById: a.decidedById,
    decidedAt: a.decidedAt,
    reason: a.reason,
    resultId: a.resultId,
    version: a.version,
  };
}

/** 202: the change waits for a second approver (the body is the approval). */
export class PendingApproval {
  constructor(readonly approval: ApprovalResponse) {}
}

/** Answers 202 Accepted with the approval (controllers whose change may wait). */
export function pending(res: FastifyReply, p: PendingApproval): ApprovalResponse {
  res.status(202);
  res.header('Location', `/api/v1/approvals/${p.approval.id}`);
  return p.approval;
}

@Injectable()
export class ApprovalService {
  private readonly appliers = new Map<ApprovalKind, ApprovalApplier>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ApprovalRepository,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  register(kind: ApprovalKind, applier: ApprovalApplier): void {
    this.appliers.set(kind, applier);
  }

  /**
   * Records a grant that waits for a second approver, with its privileged audit event naming
   * the roles or scopes asked for, in the caller's transaction. Nothing is granted yet.
   */
  async request(
    m: EntityManager,
    actor: Actor,
    la: string,
    kind: ApprovalKind,
    input: {
      subjectUserId: string | null;
      payload: Record<string, unknown>;
      summary: Record<string, unknown>;
    },
  ): Promise<PendingApproval> {
    const row = await this.repo.insert(m, la, { kind, requestedById: actor.id, ...input });
    await this.audit.record(
      {
        action: 'approval.request',
        recordType: 'approval_request',
        recordId: row.id,
        localAuthorityId: la,
        metadata: { privileged: true, kind, ...input.summary },
      },
      m,
    );
    return new PendingApproval(toApprovalResponse(row));
  }

  async list(actor: Actor, q: ListApprovalsQueryDto): Promise<Page<ApprovalResponse>> {
    const la = actor.localAuthorityId ?? q.localAuthorityId;
    if (!la)
      throw validationFailed(
        'localAuthorityId',
        'localAuthorityId is required for the platform admin',
      );
    if (actor.localAuthorityId && actor.localAuthorityId !== la) throw notFound('Local authority');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.list(this.ds.manager, la, q.status, cursor, limit + 1);
    const page = toPage(rows, limit, (r) => [r.requestedAt, r.id]);
    return { data: page.data.map(toApprovalResponse), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<ApprovalResponse> {
    const row = await this.repo.find(this.ds.manager, actor.localAuthorityId, id);
    if (!row) throw notFound('Approval');
    return toApprovalResponse(row);
  }

  /** A second approver applies the change: the approval, the change and their privileged
   * audit events commit together. */
  approve(actor: Actor, id: string): Promise<ApprovalResponse> {
    return this.decide(actor, id, 'approved', null);
  }

  refuse(actor: Actor, id: string, reason: string): Promise<ApprovalResponse> {
    return this.decide(actor, id, 'refused', reason);
  }

  private async decide(
    actor: Actor,
    id: string,
    status: Exclude<ApprovalStatus, 'pending'>,
    reason: string | null,
  ): Promise<ApprovalResponse> {
    const decided = await this.ds.transaction(async (m) => {
      const row = await this.repo.find(m, actor.localAuthorityId, id, true);
      if (!row) throw notFound('Approval');
      const why = approverConflict(actor, row);
      if (why) throw new DomainError(403, 'second_approver_required', why);
      if (row.status !== 'pending')
        throw conflict('approval_decided', `This approval was already ${row.status}`);
      let resultId: string | null = null;
      if (status === 'approved') {
        const apply = this.appliers.get(row.kind);
        if (!apply) throw new Error(`no applier for ${row.kind}`);
        resultId = await apply(m, row, actor);
      }
      const decided = await this.repo.decide(m, id, status, actor.id, reason, resultId);
      await this.audit.record(
        {
          action: status === 'approved' ? 'approval.approve' : 'approval.refuse',
          recordType: 'approval_request',
          recordId: id,
          localAuthorityId: row.localAuthorityId,
          reason,
          metadata: {
            privileged: true,
            kind: row.kind,
            requestedById: row.requestedById,
            ...row.summary,
          },
        },
        m,
      );
      return toApprovalResponse(decided);
    });
    // Committed: the account's cached row is dropped here at once (others by NOTIFY).
    if (decided.status === 'approved' && decided.kind === 'api_client.scopes' && decided.resultId)
      this.principals.forget(`client:${decided.resultId}`);
    if (decided.status === 'approved' && decided.subjectUserId)
      this.principals.forget(`user:${decided.subjectUserId}`);
    return decided;
  }
}
