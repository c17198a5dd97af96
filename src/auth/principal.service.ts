import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { Agency, Role, Scope } from 'src/access/roles';
import type { TokenPayload } from './token.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** When the token was issued, in milliseconds (tokens without `iatMs` count from `iat`). */
function issuedAtMs(payload: TokenPayload & { iat?: unknown }): number {
  if (typeof payload.iatMs === 'number' && Number.isFinite(payload.iatMs)) return payload.iatMs;
  return typeof payload.iat === 'number' && Number.isFinite(payload.iat) ? payload.iat * 1000 : 0;
}

/** Turns a verified token into the live Actor (one indexed query), or null when the account
 * is disabled, deleted, or no longer in the token's local authority. */
@Injectable()
export class PrincipalService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async load(payload: TokenPayload): Promise<Actor | null> {
    if (!payload || typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return null;
    if (payload.typ === 'user') {
      const rows: {
        id: string;
        name: string;
        roles: Role[];
        la: string | null;
        agency: Agency | null;
      }[] = await this.ds.query(
        `SELECT id, name, roles, local_authority_id AS la, agency FROM app_user
          WHERE id = $1 AND active
            AND (tokens_valid_after IS NULL OR tokens_valid_after <= to_timestamp($2::double precision / 1000))`,
        [payload.sub, issuedAtMs(payload)],
      );
      const u = rows[0];
      if (!u || u.la !== (payload.la ?? null)) return null;
      return {
        kind: 'user',
        id: u.id,
        name: u.name,
        roles: u.roles,
        scopes: [],
        localAuthorityId: u.la,
        agency: u.agency,
      };
    }
    if (payload.typ === 'client') {
      const rows: { id: string; name: string; scopes: Scope[]; la: string }[] = await this.ds.query(
        `SELECT id, name, scopes, local_authority_id AS la FROM api_client WHERE id = $1 AND active`,
        [payload.sub],
      );
      const c = rows[0];
      if (!c || c.la !== payload.la) return null;
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
