import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conflict } from 'src/common/domain-error';
import { encodeCursor } from 'src/common/pagination';
import { writeReturning } from 'src/common/sql';
import type {
  FamilyResponse,
  FamilySummary,
  FamilySummaryMember,
  MemberResponse,
  NetworkMemberResponse,
} from './dto/family.responses';
import { normaliseNhsNumber } from './nhs-number';
import { PersonInput, FamilySearch, FamilyRow, toFamily } from './family.rows';
export { personInput } from './family.rows';

const MEMBER_COLUMNS = `p.id, p.kind, p.first_name AS "firstName", p.last_name AS "lastName",
  p.date_of_birth::text AS "dateOfBirth", p.sex, p.gender, p.ethnicity, p.language,
  p.nhs_number AS "nhsNumber", p.la_person_id AS "laPersonId", p.disabilities, p.upn,
  p.upn_unknown_reason AS "upnUnknownReason",
  p.expected_date_of_birth::text AS "expectedDateOfBirth",
  p.sex_as_recorded AS "sexAsRecorded", p.ethnicity_as_recorded AS "ethnicityAsRecorded",
  COALESCE((SELECT json_agg(json_build_object('childId', r.child_id, 'relationship', r.relationship)
                            ORDER BY r.child_id)
              FROM relationship r WHERE r.person_id = p.id), '[]') AS relationships`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Queries on family, person, relationship and family_network_member. Every method that
 * finds by name or id takes the local authority. */
@Injectable()
export class FamilyRepository {
  async insertFamily(m: EntityManager, la: string, name: string | null): Promise<FamilyRow> {
    const rows: FamilyRow[] = await m.query(
      `INSERT INTO family (local_authority_id, name) VALUES ($1, $2)
       RETURNING id, name, version, created_at AS "createdAt"`,
      [la, name],
    );
    return rows[0];
  }

  /** NHS numbers (normalised) already held by someone in the LA. */
  async nhsNumbersInUse(m: EntityManager, la: string, numbers: string[]): Promise<string[]> {
    if (!numbers.length) return [];
    const rows: { nhs: string }[] = await m.query(
      `SELECT nhs_number AS nhs FROM person WHERE local_authority_id = $1 AND nhs_number = ANY($2::text[])`,
      [la, numbers],
    );
    return rows.map((r) => r.nhs);
  }

  async insertPerson(
    m: EntityManager,
    la: string,
    familyId: string | null,
    p: PersonInput,
  ): Promise<string> {
    try {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name, date_of_birth,
                             sex, gender, ethnicity, language, nhs_number, la_person_id,
                             disabilities, upn, upn_unknown_reason, expected_date_of_birth)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING id`,
        [
          la,
          familyId,
          p.kind,
          p.firstName.trim(),
          p.lastName.trim(),
          p.dateOfBirth ?? null,
          p.sex ?? null,
          p.gender ?? null,
          p.ethnicity ?? null,
          p.language ?? null,
          p.nhsNumber ? normaliseNhsNumber(p.nhsNumber) : null,
          p.laPersonId ?? null,
          p.disabilities ?? null,
          p.upn ?? null,
          p.upnUnknownReason ?? null,
          p.expectedDateOfBirth ?? null,
        ],
      );
      return rows[0].id;
    } catch (err) {
      if ((err as { constraint?: string }).constraint === 'ux_person_la_nhs_number')
        throw conflict(
          'nhs_number_in_use',
          'Someone in this local authority already has that NHS number',
        );
      throw err;
    }
  }

  async insertRelationships(
    m: EntityManager,
    rows: { personId: string; childId: string; relationship: string }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO relationship (person_id, child_id, relationship)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
       ON CONFLICT (person_id, child_id) DO UPDATE SET relationship = EXCLUDED.relationship`,
      [rows.map((r) => r.personId), rows.map((r) => r.childId), rows.map((r) => r.relationship)],
    );
  }

  async insertNetworkMember(
    m: EntityManager,
    la: string,
    familyId: string,
    personId: string,
    relationship: string,
    contact: Record<string, string> | null,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO family_network_member (local_authority_id, family_id, person_id, relationship, contact)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [la, familyId, personId, relationship, contact ? JSON.stringify(contact) : null],
    );
    return rows[0].id;
  }

  async bumpVersion(m: EntityManager, familyId: string): Promise<number> {
    const rows = await writeReturning<{ version: number }>(
      m,
      `UPDATE family SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [familyId],
    );
    return rows[0].version;
  }

  /** Children of the family (ids), for relationships and audit. */
  async childIds(m: EntityManager, familyId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM person WHERE family_id = $1 AND kind = 'child' ORDER BY id`,
      [familyId],
    );
    return rows.map((r) => r.id);
  }

  async members(m: EntityManager, familyId: string): Promise<MemberResponse[]> {
    return m.query(
      `SELECT ${MEMBER_COLUMNS} FROM person p WHERE p.family_id = $1
        ORDER BY p.kind = 'adult', p.date_of_birth NULLS LAST, p.last_name, p.first_name, p.id`,
      [familyId],
    );
  }

  async membersByIds(m: EntityManager, ids: string[]): Promise<MemberResponse[]> {
    const rows: MemberResponse[] = await m.query(
      `SELECT ${MEMBER_COLUMNS} FROM person p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) as MemberResponse);
  }

  async network(m: EntityManager, familyId: string, id?: string): Promise<NetworkMemberResponse[]> {
    return m.query(
      `SELECT n.id, n.person_id AS "personId", p.first_name AS "firstName", p.last_name AS "lastName",
              n.relationship, n.contact, p.date_of_birth::text AS "dateOfBirth"
         FROM family_network_member n JOIN person p ON p.id = n.person_id
        WHERE n.family_id = $1 AND ($2::uuid IS NULL OR n.id = $2)
        ORDER BY n.created_at, n.id`,
      [familyId, id ?? null],
    );
  }

  async family(m: EntityManager, la: string, familyId: string): Promise<FamilyResponse | null> {
    const rows: FamilyRow[] = await m.query(
      `SELECT id, name, version, created_at AS "createdAt" FROM family WHERE id = $1 AND local_authority_id = $2`,
      [familyId, la],
    );
    if (!rows[0]) return null;
    const [members, network] = [await this.members(m, familyId), await this.network(m, familyId)];
    return { ...toFamily(rows[0]), members, network };
  }

  /**
   * Families of the LA whose name, or one member's full name, contains every word (folded:
   * lower-case, accents removed; trigram indexes), and/or with a member born on `dateOfBirth`.
   * Newest first, keyset on (created_at, id).
   */
  async search(
    m: EntityManager,
    la: string,
    q: FamilySearch,
  ): Promise<{ data: FamilySummary[]; nextCursor: string | null }> {
    const params: unknown[] = [la];
    const where = ['f.local_authority_id = $1'];
    const visible = q.visibleSql('f', params);
    if (visible !== 'TRUE') where.push(visible);
    if (q.words.length) {
      const likes = (expr: string) =>
        q.words
          .map((w) => {
            params.push(likeEscape(w));
            return `${expr} LIKE '%' || tandem_fold($${params.length}) || '%'`;
          })
          .join(' AND ');
      const familyName = likes(`tandem_fold(coalesce(f.name, ''))`);
      const personName = likes(`tandem_fold(p.first_name || ' ' || p.last_name)`);
      where.push(
        `((${familyName}) OR EXISTS (SELECT 1 FROM person p WHERE p.family_id = f.id AND ${personName}))`,
      );
    }
    if (q.dateOfBirth) {
      params.push(q.dateOfBirth);
      where.push(
        `EXISTS (SELECT 1 FROM person p WHERE p.family_id = f.id AND p.local_authority_id = $1 AND p.date_of_birth = $${params.length}::date)`,
      );
    }
    if (q.after) {
      params.push(q.after[0], q.after[1]);
      where.push(
        `(f.created_at, f.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(q.limit + 1);
    const rows: (FamilyRow & { cursorAt: string })[] = await m.query(
      `SELECT f.id, f.name, f.version, f.created_at AS "createdAt",
              to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
         FROM family f WHERE ${where.join(' AND ')}
        ORDER BY f.created_at DESC, f.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > q.limit ? encodeCursor([last.cursorAt, last.id]) : null;
    const members: (FamilySummaryMember & { familyId: string })[] = page.length
      ? await m.query(
          `SELECT p.family_id AS "familyId", p.id, p.kind, p.first_name AS "firstName",
                  p.last_name AS "lastName", p.date_of_birth::text AS "dateOfBirth"
             FROM person p WHERE p.family_id = ANY($1::uuid[])
            ORDER BY p.kind = 'adult', p.date_of_birth NULLS LAST, p.last_name, p.first_name, p.id`,
          [page.map((f) => f.id)],
        )
      : [];
    return {
      data: page.map((f) => ({
        id: f.id,
        name: f.name,
        createdAt: new Date(f.createdAt).toISOString(),
        members: members.filter((p) => p.familyId === f.id).map(({ familyId: _f, ...p }) => p),
      })),
      nextCursor,
    };
  }
}
