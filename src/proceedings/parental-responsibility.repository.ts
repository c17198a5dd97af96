import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PrBasis } from './parental-responsibility.entity';

export interface PrRow {
  childId: string;
  hasPR: boolean;
  basis: PrBasis | null;
}

/** Queries on parental_responsibility (tenancy in each: the LA is the first argument). */
@Injectable()
export class ParentalResponsibilityRepository {
  /** The family member `personId` of family `familyId` (its kind), or null. */
  async member(
    m: EntityManager,
    la: string,
    familyId: string,
    personId: string,
  ): Promise<{ kind: string } | null> {
    const rows: { kind: string }[] = await m.query(
      `SELECT kind FROM person WHERE id = $1 AND family_id = $2 AND local_authority_id = $3`,
      [personId, familyId, la],
    );
    return rows[0] ?? null;
  }

  async childIds(m: EntityManager, la: string, familyId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM person WHERE family_id = $1 AND local_authority_id = $2 AND kind = 'child'`,
      [familyId, la],
    );
    return rows.map((r) => r.id);
  }

  /** The adult's current rows and version (0 when nothing was ever recorded). */
  async current(
    m: EntityManager,
    la: string,
    adultId: string,
  ): Promise<{ version: number; entries: PrRow[] }> {
    const rows: (PrRow & { version: number })[] = await m.query(
      `SELECT child_id AS "childId", has_pr AS "hasPR", basis, version
         FROM parental_responsibility
        WHERE adult_id = $1 AND local_authority_id = $2
          AND version = (SELECT max(version) FROM parental_responsibility
                          WHERE adult_id = $1 AND local_authority_id = $2)
        ORDER BY child_id`,
      [adultId, la],
    );
    return {
      version: rows[0]?.version ?? 0,
      entries: rows.map(({ childId, hasPR, basis }) => ({ childId, hasPR, basis })),
    };
  }

  /** Writes version `version` of the adult's record, superseding the rows it replaces. */
  async write(
    m: EntityManager,
    la: string,
    o: { familyId: string; adultId: string; version: number; entries: PrRow[]; by: string },
  ): Promise<void> {
    await m.query(
      `UPDATE parental_responsibility SET superseded_at = clock_timestamp()
        WHERE adult_id = $1 AND local_authority_id = $2 AND superseded_at IS NULL`,
      [o.adultId, la],
    );
    await m.query(
      `INSERT INTO parental_responsibility
         (local_authority_id, family_id, adult_id, child_id, has_pr, basis, version, recorded_by_id)
       SELECT $1, $2, $3, e.child_id, e.has_pr, e.basis, $4, $5
         FROM unnest($6::uuid[], $7::boolean[], $8::text[]) AS e(child_id, has_pr, basis)`,
      [
        la,
        o.familyId,
        o.adultId,
        o.version,
        o.by,
        o.entries.map((e) => e.childId),
        o.entries.map((e) => e.hasPR),
        o.entries.map((e) => e.basis),
      ],
    );
  }

  /** The current PR holders (adult ids) of each of `childIds`, in one LA. */
  async holders(m: EntityManager, la: string, childIds: string[]): Promise<Map<string, string[]>> {
    const rows: { childId: string; adultId: string }[] = await m.query(
      `SELECT child_id AS "childId", adult_id AS "adultId" FROM parental_responsibility
        WHERE local_authority_id = $1 AND child_id = ANY($2::uuid[])
          AND superseded_at IS NULL AND has_pr ORDER BY child_id, adult_id`,
      [la, childIds],
    );
    const out = new Map<string, string[]>(childIds.map((c) => [c, []]));
    for (const r of rows) out.get(r.childId)!.push(r.adultId);
    return out;
  }
}
