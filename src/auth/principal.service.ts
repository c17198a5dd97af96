import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { userActor, type Actor } from 'src/access/actor';
import type { Agency, Role, Scope } from 'src/access/roles';
import { PrincipalCache } from './principal-cache';
import { RefreshTokenRepository } from './refresh-token.repository';
import type { TokenPayload } from './token.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** When the token was issued, in milliseconds (tokens without `iatMs` count from `iat`). */
function issuedAtMs(payload: TokenPayload & { iat?: unknown }): number {
  if (typeof payload.iatMs === 'number' && Number.isFinite(payload.iatMs)) return payload.iatMs;
  return typeof payload.iat === 'number' && Number.isFinite(payload.iat) ? payload.iat * 1000 : 0;
}

/** Turns a verified token into the live Actor, or null when the account is disabled, deleted,
 * no longer in the token's local authority, or the token was issued before the account's
 * `tokens_valid_after`. The account row comes from `PrincipalCache` (invalidated through
 * LISTEN/NOTIFY on every change to the row) or one indexed query; the token's own checks
 * (issue time against `tokens_valid_after`, LA) run on every request. */
@Injectable()
export class PrincipalService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cache: PrincipalCache,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  async load(payload: TokenPayload): Promise<Actor | null> {
    if (!payload || typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return null;
    if (payload.typ === 'user') {
      const rows:
        | {
            id: string;
            name: string;
            roles: Role[];
            la: string | null;
            agency: Agency | null;
            /** tokens_valid_after in epoch milliseconds (null: every token of the account). */
            validAfterMs: number | null;
          }[]
        | null = await this.cache.get(`user:${payload.sub}`, () =>
        this.ds.query(
          `SELECT id, name, roles, local_authority_id AS la, agency,
                  (extract(epoch FROM tokens_valid_after) * 1000)::float8 AS "validAfterMs"
             FROM app_user WHERE id = $1 AND active`,
          [payload.sub],
        ),
      );
      const u = rows?.[0];
      if (!u || u.la !== (payload.la ?? null)) return null;
      if (u.validAfterMs !== null && u.validAfterMs > issuedAtMs(payload)) return null;
      // The sign-in session: ended by sign-out or by reuse of a spent refresh token.
      if (payload.sid !== undefined) {
        if (typeof payload.sid !== 'string' || !UUID.test(payload.sid)) return null;
        const session = await this.cache.get(`session:${payload.sid}`, () =>
          this.refreshTokens.sessionRevoked(this.ds.manager, payload.sid as string),
        );
        if (!session || session[0]?.revoked !== false) return null;
      }
      return userActor(u);
    }
    if (payload.typ === 'client') {
      const rows:
        | { id: string; name: string; scopes: Scope[]; la: string; validAfterMs: number | null }[]
        | null = await this.cache.get(`client:${payload.sub}`, () =>
        this.ds.query(
          `SELECT id, name, scopes, local_authority_id AS la,
                  (extract(epoch FROM tokens_valid_after) * 1000)::float8 AS "validAfterMs"
             FROM api_client WHERE id = $1 AND active`,
          [payload.sub],
        ),
      );
      const c = rows?.[0];
      if (!c || c.la !== payload.la) return null;
      // Revoked (then perhaps re-enabled) or its secret rotated since this token was issued.
      if (c.validAfterMs !== null && c.validAfterMs > issuedAtMs(payload)) return null;
      const granted = (payload.scope ?? '')
        .split(' ')
        .filter((s): s is Scope => c.scopes.includes(s as Scope));
      return {
        kind: 'client',
        id: c.id,
        name: c.name,
        roles: [],
        scopes: granted,
        localAuthorityId: c.la,
        agency: null,
      };
    }
    return null;
  }
}
