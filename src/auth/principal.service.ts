import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import type { Agency, Role, Scope } from 'src/access/roles';
import { PrincipalCache } from './principal-cache';
import type { TokenPayload } from './token.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns a verified token into the live Actor, or null when the account is disabled, deleted,
 * or no longer in the token's local authority. The account row comes from `PrincipalCache`
 * (invalidated by LISTEN/NOTIFY on every change) or one indexed query. */
@Injectable()
export class PrincipalService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cache: PrincipalCache,
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
          }[]
        | null = await this.cache.get(`user:${payload.sub}`, () =>
        this.ds.query(
          `SELECT id, name, roles, local_authority_id AS la, agency FROM app_user WHERE id = $1 AND active`,
          [payload.sub],
        ),
      );
      const u = rows?.[0];
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
      const rows: { id: string; name: string; scopes: Scope[]; la: string }[] | null =
        await this.cache.get(`client:${payload.sub}`, () =>
          this.ds.query(
            `SELECT id, name, scopes, local_authority_id AS la FROM api_client WHERE id = $1 AND active`,
            [payload.sub],
          ),
        );
      const c = rows?.[0];
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
