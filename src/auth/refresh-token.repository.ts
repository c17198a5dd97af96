import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { writeReturning } from 'src/common/sql';
import { PRINCIPAL_CHANNEL } from './principal-cache';

export interface RefreshTokenRow {
  id: string;
  familyId: string;
  userId: string;
  expired: boolean;
  spent: boolean;
  revoked: boolean;
  expiresAt: Date;
  /** When the family's first token was issued (the sign-in). */
  familyStartedAt: Date;
}

/** Queries on refresh_token (hashes only). */
@Injectable()
export class RefreshTokenRepository {
  async insert(
    m: EntityManager,
    v: { tokenHash: string; familyId: string | null; userId: string; expiresAt: Date | number },
  ): Promise<{ id: string; familyId: string }> {
    const expires =
      typeof v.expiresAt === 'number'
        ? `now() + make_interval(secs => $4::int)`
        : `$4::timestamptz`;
    const rows: { id: string; familyId: string }[] = await m.query(
      `INSERT INTO refresh_token (token_hash, family_id, user_id, expires_at)
       VALUES ($1, COALESCE($2::uuid, gen_random_uuid()), $3, ${expires})
       RETURNING id, family_id AS "familyId"`,
      [v.tokenHash, v.familyId, v.userId, v.expiresAt],
    );
    return rows[0];
  }

  /** The token with this hash, locked for the exchange. */
  async findForUpdate(m: EntityManager, tokenHash: string): Promise<RefreshTokenRow | null> {
    const rows: RefreshTokenRow[] = await m.query(
      `SELECT id, family_id AS "familyId", user_id AS "userId", expires_at AS "expiresAt",
              expires_at <= now() AS expired, used_at IS NOT NULL AS spent,
              revoked_at IS NOT NULL AS revoked,
              (SELECT min(f.created_at) FROM refresh_token f WHERE f.family_id = t.family_id)
                AS "familyStartedAt"
         FROM refresh_token t WHERE token_hash = $1 FOR UPDATE OF t`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markUsed(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE refresh_token SET used_at = now() WHERE id = $1`, [id]);
  }

  /** Revokes every live token of the family; returns how many were still live. Every
   * instance's principal cache hears `session:<family>` when the transaction commits, so the
   * family's access tokens (`sid`) stop at once. */
  async revokeFamily(m: EntityManager, familyId: string): Promise<number> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE refresh_token SET revoked_at = now()
        WHERE family_id = $1 AND revoked_at IS NULL RETURNING id`,
      [familyId],
    );
    await m.query(`SELECT pg_notify($1, $2)`, [PRINCIPAL_CHANNEL, `session:${familyId}`]);
    return rows.length;
  }

  /** Whether the sign-in session (refresh-token family) was revoked. */
  async sessionRevoked(m: EntityManager, familyId: string): Promise<{ revoked: boolean }[]> {
    return m.query(
      `SELECT EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $1 AND revoked_at IS NOT NULL) AS revoked`,
      [familyId],
    );
  }
}
