import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Scope } from 'src/access/roles';
import { ApprovalService } from 'src/approvals/approval.service';
import { canonicalScopes, scopesBeyondReach, scopesWithinReach } from 'src/approvals/dual-control';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { PasswordService } from 'src/auth/password.service';
import { PrincipalCache } from 'src/auth/principal-cache';
import { notFound, preconditionFailed } from 'src/common/domain-error';
import { updateVersioned } from 'src/common/sql';
import { actorLa } from 'src/common/tenancy';
import { ApiClient } from './api-client.entity';
import {
  ApiClientChangeResponse,
  ApiClientResponse,
  CreateApiClientDto,
  CreatedApiClientResponse,
  UpdateApiClientDto,
} from './dto/api-client.dto';

const FIELDS = [
  'id',
  'name',
  'clientId',
  'scopes',
  'active',
  'version',
  'localAuthorityId',
] as const;
const view = (c: ApiClient): ApiClientResponse => ({
  id: c.id,
  name: c.name,
  clientId: c.clientId,
  scopes: c.scopes,
  active: c.active,
  version: c.version,
});

@Injectable()
export class ApiClientService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * Registers a client. Its scopes are capped by what the creator may do alone: a scope
   * granting any permission the creator's roles lack (for an la_admin, the case-content scopes
   * and `evaluation:read`) is not granted but asked for (`pendingApproval`), and granted only
   * when a second approver approves. `api_client.create` is a privileged audit event naming
   * the scopes granted and asked for.
   */
  async create(actor: Actor, dto: CreateApiClientDto): Promise<CreatedApiClientResponse> {
    const la = actorLa(actor);
    const clientId = `tdm_${randomBytes(12).toString('hex')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    const secretHash = await this.passwords.hash(clientSecret);
    const granted = scopesWithinReach(actor.roles, dto.scopes);
    const asked = scopesBeyondReach(actor.roles, dto.scopes);
    return this.ds.transaction(async (m) => {
      const c = await m.save(
        m.create(ApiClient, {
          localAuthorityId: la,
          name: dto.name,
          clientId,
          secretHash,
          scopes: granted,
        }),
      );
      await this.audit.record(
        {
          action: 'api_client.create',
          recordType: 'api_client',
          recordId: c.id,
          changes: diffFields({}, c, ['name', 'clientId', 'scopes', 'secretHash']),
          metadata: { privileged: true, scopes: granted, scopesAsked: asked },
        },
        m,
      );
      const pendingApproval = asked.length
        ? (await this.askForScopes(m, actor, la, c, asked)).approval
        : null;
      return { ...view(c), clientSecret, pendingApproval };
    });
  }

  private askForScopes(m: EntityManager, actor: Actor, la: string, c: ApiClient, scopes: Scope[]) {
    return this.approvals.request(m, actor, la, 'api_client.scopes', {
      subjectUserId: null,
      payload: { apiClientId: c.id, scopes },
      summary: { apiClientId: c.id, name: c.name, scopes },
    });
  }

  /** A second approver's approval adds the scopes asked for. */
  onModuleInit(): void {
    this.approvals.register('api_client.scopes', async (m, approval) => {
      const p = approval.payload as { apiClientId: string; scopes: Scope[] };
      const before = await m.findOne(ApiClient, {
        where: { id: p.apiClientId, localAuthorityId: approval.localAuthorityId },
        select: [...FIELDS],
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) throw notFound('API client');
      const scopes = canonicalScopes([...before.scopes, ...p.scopes]);
      await updateVersioned(m, 'api_client', before.id, before.version, { scopes });
      await this.audit.record(
        {
          action: 'api_client.scopes_grant',
          recordType: 'api_client',
          recordId: before.id,
          localAuthorityId: approval.localAuthorityId,
          changes: { scopes: { before: before.scopes, after: scopes } },
          metadata: {
            privileged: true,
            scopes: p.scopes,
            approvalId: approval.id,
            requestedById: approval.requestedById,
          },
        },
        m,
      );
      return before.id;
    });
  }

  /**
   * A new secret, shown once: the old secret stops working, and every token issued before now
   * is refused. A privileged audit event (the secret itself is never recorded).
   */
  async rotateSecret(actor: Actor, id: string): Promise<CreatedApiClientResponse> {
    const la = actorLa(actor);
    const clientSecret = randomBytes(32).toString('base64url');
    const secretHash = await this.passwords.hash(clientSecret);
    const rotated = await this.ds.transaction(async (m) => {
      const before = await m.findOne(ApiClient, {
        where: { id, localAuthorityId: la },
        select: [...FIELDS],
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) throw notFound('API client');
      await updateVersioned(m, 'api_client', id, before.version, {
        secret_hash: secretHash,
        tokens_valid_after: new Date(),
      });
      const after = (await m.findOne(ApiClient, {
        where: { id },
        select: [...FIELDS],
      })) as ApiClient;
      await this.audit.record(
        {
          action: 'api_client.secret_rotate',
          recordType: 'api_client',
          recordId: id,
          changes: { secretHash: { before: '[redacted]', after: '[redacted]' } },
          metadata: { privileged: true, scopes: after.scopes },
        },
        m,
      );
      return { ...view(after), clientSecret, pendingApproval: null };
    });
    this.principals.forget(`client:${id}`); // committed: old tokens refused at once here
    return rotated;
  }

  async list(actor: Actor) {
    const rows = await this.ds.getRepository(ApiClient).find({
      where: { localAuthorityId: actorLa(actor) },
      select: [...FIELDS],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { data: rows.map(view), nextCursor: null };
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateApiClientDto,
  ): Promise<ApiClientChangeResponse> {
    const la = actorLa(actor);
    const updated = await this.ds.transaction(async (m) => {
      const before = await m.findOne(ApiClient, {
        where: { id, localAuthorityId: la },
        select: [...FIELDS],
      });
      if (!before) throw notFound('API client');
      const set: Record<string, unknown> = {};
      if (dto.active !== undefined) set.active = dto.active;
      // Tokens issued before a revoke stay refused after re-enabling (PrincipalService).
      if (dto.active === false && before.active) set.tokens_valid_after = new Date();
      // Narrowing, and scopes within the caller's own reach, apply at once; a scope beyond it
      // waits for a second approver.
      let asked: Scope[] = [];
      if (dto.scopes !== undefined) {
        const added = dto.scopes.filter((x) => !before.scopes.includes(x));
        asked = scopesBeyondReach(actor.roles, added);
        set.scopes = dto.scopes.filter((x) => !asked.includes(x));
      }
      if (!(await updateVersioned(m, 'api_client', id, version, set))) throw preconditionFailed();
      const after = (await m.findOne(ApiClient, {
        where: { id },
        select: [...FIELDS],
      })) as ApiClient;
      await this.audit.record(
        {
          action: 'api_client.update',
          recordType: 'api_client',
          recordId: id,
          changes: diffFields(before, after, ['active', 'scopes']),
          metadata:
            dto.scopes !== undefined
              ? { privileged: true, scopes: after.scopes, scopesAsked: asked }
              : null,
        },
        m,
      );
      const pendingApproval = asked.length
        ? (await this.askForScopes(m, actor, la, after, asked)).approval
        : null;
      return { ...view(after), pendingApproval };
    });
    this.principals.forget(`client:${id}`); // committed: refused at once here
    return updated;
  }
}
