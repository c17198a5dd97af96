import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { userActor } from 'src/access/actor';
import type { Agency, Role } from 'src/access/roles';
import { AuditService } from 'src/audit/audit.service';
import { DomainError } from 'src/common/domain-error';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { PrincipalCache } from './principal-cache';
import { RefreshTokenRepository } from './refresh-token.repository';
import { TokenService } from './token.service';

export interface RefreshResult {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const invalid = () =>
  new DomainError(401, 'invalid_refresh_token', 'The refresh token is not valid; sign in again');

/**
 * Refresh tokens (OAuth 2.0 Security BCP, RFC 9700 §4.14: rotation with reuse detection).
 * Opaque 256-bit random strings; only their sha256 is stored. A refresh spends the presented
 * token and returns a new access token and the next refresh token of the same family; presenting
 * a spent token again revokes the family (whoever holds the newer token is signed out too).
 * A disabled user cannot refresh, nor can a sign-in from before the account was disabled and
 * re-enabled (`tokens_valid_after`): the family is revoked at the attempt.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
    private readonly repo: RefreshTokenRepository,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  /** A new family for a sign-in; returns the first refresh token and the family (the access
   * tokens' `sid`). */
  async issue(m: EntityManager, userId: string): Promise<{ token: string; sid: string }> {
    const token = randomBytes(32).toString('base64url');
    const row = await this.repo.insert(m, {
      tokenHash: hash(token),
      familyId: null,
      userId,
      expiresAt: this.config.REFRESH_TOKEN_TTL_SECONDS,
    });
    return { token, sid: row.familyId };
  }

  async refresh(token: string): Promise<RefreshResult> {
    // Reuse and disabled-user revocations must stay written although the answer is a 401, so
    // the transaction returns what happened and the error is thrown after it commits.
    const outcome = await this.ds.transaction(async (m) => {
      const row = await this.repo.findForUpdate(m, hash(token));
      if (!row) return { kind: 'unknown' as const };
      const user = await this.loadUser(m, row.userId);
      const actor = user ? userActor(user) : null;
      if (row.revoked || row.expired) return { kind: 'dead' as const, row, actor };
      if (row.spent) {
        const revoked = await this.repo.revokeFamily(m, row.familyId);
        return { kind: 'reuse' as const, row, actor, revoked };
      }
      // Disabled, or disabled and re-enabled since this sign-in (tokens_valid_after): refused.
      const staleSignIn =
        user?.tokensValidAfter != null &&
        new Date(user.tokensValidAfter).getTime() > new Date(row.familyStartedAt).getTime();
      if (!user || !user.active || staleSignIn) {
        await this.repo.revokeFamily(m, row.familyId);
        return { kind: 'disabled' as const, row, actor };
      }
      await this.repo.markUsed(m, row.id);
      const next = randomBytes(32).toString('base64url');
      await this.repo.insert(m, {
        tokenHash: hash(next),
        familyId: row.familyId,
        userId: row.userId,
        expiresAt: row.expiresAt,
      });
      await this.audit.record(
        {
          actor: actor!,
          action: 'auth.refresh',
          recordType: 'user',
          recordId: row.userId,
          metadata: { family: row.familyId },
        },
        m,
      );
      return { kind: 'ok' as const, user: user, next, sid: row.familyId };
    });
    // A revoked family's access tokens stop here at once (other instances hear the NOTIFY).
    if (outcome.kind === 'reuse' || outcome.kind === 'disabled')
      this.principals.forget(`session:${outcome.row.familyId}`);
    if (outcome.kind === 'ok') {
      const u = outcome.user;
      return {
        accessToken: this.tokens.sign({ sub: u.id, typ: 'user', la: u.la, sid: outcome.sid }),
        refreshToken: outcome.next,
        tokenType: 'Bearer',
        expiresIn: this.tokens.ttlSeconds,
      };
    }
    if (outcome.kind !== 'unknown')
      await this.audit.record({
        actor: null,
        localAuthorityId: outcome.actor?.localAuthorityId ?? null,
        action: 'auth.refresh',
        recordType: 'user',
        recordId: outcome.row.userId,
        outcome: 'failure',
        metadata: {
          reason: outcome.kind === 'reuse' ? 'spent_token_reused' : outcome.kind,
          family: outcome.row.familyId,
          ...(outcome.kind === 'reuse' ? { revokedTokens: outcome.revoked } : {}),
        },
      });
    throw invalid();
  }

  /** Revokes the token's family (sign-out). Unknown or already revoked tokens: no-op. */
  async logout(token: string): Promise<void> {
    const family = await this.ds.transaction(async (m) => {
      const row = await this.repo.findForUpdate(m, hash(token));
      if (!row) return null;
      const revoked = await this.repo.revokeFamily(m, row.familyId);
      if (!revoked) return null;
      const user = await this.loadUser(m, row.userId);
      await this.audit.record(
        {
          actor: user ? userActor(user) : null,
          localAuthorityId: user?.la ?? null,
          action: 'auth.logout',
          recordType: 'user',
          recordId: row.userId,
          metadata: { family: row.familyId },
        },
        m,
      );
      return row.familyId;
    });
    if (family) this.principals.forget(`session:${family}`);
  }

  private async loadUser(m: EntityManager, id: string) {
    const rows: UserRow[] = await m.query(
      `SELECT id, name, roles, local_authority_id AS la, agency, active,
              tokens_valid_after AS "tokensValidAfter"
         FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}

interface UserRow {
  id: string;
  name: string;
  roles: Role[];
  la: string | null;
  agency: Agency | null;
  active: boolean;
  tokensValidAfter: Date | null;
}
