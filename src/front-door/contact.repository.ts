import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactRow, NewContact, ListFilter, PersonRow } from './contact.rows';
export { frontDoorCounts, type FrontDoorCounts } from './front-door-counts';
export { type ContactRow } from './contact.rows';

const COLUMNS = `c.id, c.local_authority_id AS "localAuthorityId", c.received_at AS "receivedAt",
  c.decision_due_by::text AS "decisionDueBy", c.referrer_user_id AS "referrerUserId",
  c.referrer_name AS "referrerName", c.referrer_relationship AS "referrerRelationship",
  c.referrer_organisation AS "referrerOrganisation", c.referrer_phone AS "referrerPhone",
  c.referrer_email AS "referrerEmail", c.source, c.concern, c.urgency,
  c.consent_informed AS "consentInformed", c.consent_reason AS "consentReason", c.status,
  c.family_id AS "familyId", c.outcome, c.rationale, c.case_id AS "caseId",
  c.requires_manager AS "requiresManager", c.earlier_contacts AS "earlierContacts",
  c.decided_by_id AS "decidedById", c.decided_at AS "decidedAt",
  c.authorised_by_id AS "authorisedById", c.authorised_at AS "authorisedAt",
  c.decided_on::text AS "decidedOn", c.feedback_summary AS "feedbackSummary",
  c.feedback_at AS "feedbackAt", c.recorded_by_id AS "recordedById", c.version,
  COALESCE((SELECT json_agg(json_build_object('position', k.position, 'personId', k.person_id,
      'firstName', k.first_name, 'lastName', k.last_name, 'dateOfBirth', k.date_of_birth,
      'expectedDateOfBirth', k.expected_date_of_birth, 'address', k.address,
      'nhsNumber', k.nhs_number) ORDER BY k.position)
    FROM contact_child k WHERE k.contact_id = c.id), '[]'::json) AS children`;

/** Queries on contact and contact_child; every method takes the local authority. */
@Injectable()
export class ContactRepository {
  async isFrontDoorMember(m: EntityManager, la: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM team_member tm JOIN team t ON t.id = tm.team_id
        WHERE tm.user_id = $2 AND t.local_authority_id = $1 AND t.kind = 'front_door' LIMIT 1`,
      [la, userId],
    );
    return rows.length > 0;
  }

  async activeUserInLa(m: EntityManager, la: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM app_user WHERE id = $2 AND local_authority_id = $1`,
      [la, userId],
    );
    return rows.length > 0;
  }

  async persons(m: EntityManager, la: string, ids: string[]): Promise<PersonRow[]> {
    if (!ids.length) return [];
    return m.query(
      `SELECT id, family_id AS "familyId", kind, first_name AS "firstName", last_name AS "lastName",
              date_of_birth::text AS "dateOfBirth", nhs_number AS "nhsNumber"
         FROM person WHERE local_authority_id = $1 AND id = ANY($2::uuid[])`,
      [la, ids],
    );
  }

  async familyInLa(m: EntityManager, la: string, familyId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM family WHERE id = $2 AND local_authority_id = $1`,
      [la, familyId],
    );
    return rows.length > 0;
  }

  async insert(m: EntityManager, c: NewContact): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO contact (local_authority_id, received_at, decision_due_by, referrer_user_id,
         referrer_name, referrer_relationship, referrer_organisation, referrer_phone, referrer_email,
         source, concern, urgency, consent_informed, consent_reason, status, recorded_by_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'received',$15) RETURNING id`,
      [
        c.la,
        c.receivedAt,
        c.decisionDueBy,
        c.referrerUserId,
        c.referrerName,
        c.referrerRelationship,
        c.referrerOrganisation,
        c.referrerPhone,
        c.referrerEmail,
        c.source,
        c.concern,
        c.urgency,
        c.consentInformed,
        c.consentReason,
        c.recordedById,
      ],
    );
    await m.query(
      `INSERT INTO contact_child (contact_id, local_authority_id, position, person_id, first_name,
         last_name, date_of_birth, expected_date_of_birth, address, nhs_number)
       SELECT $1, $2, k.position, k.person_id, k.first_name, k.last_name, k.date_of_birth,
              k.expected_date_of_birth, k.address, k.nhs_number
         FROM jsonb_to_recordset($3::jsonb) AS k(position int, person_id uuid, first_name text,
              last_name text, date_of_birth date, expected_date_of_birth date, address text,
              nhs_number text)`,
      [
        id,
        c.la,
        JSON.stringify(
          c.children.map((k, position) => ({
            position,
            person_id: k.personId,
            first_name: k.firstName,
            last_name: k.lastName,
            date_of_birth: k.dateOfBirth,
            expected_date_of_birth: k.expectedDateOfBirth,
            address: k.address,
            nhs_number: k.nhsNumber,
          })),
        ),
      ],
    );
    return id;
  }

  async find(m: EntityManager, la: string, id: string, lock = false): Promise<ContactRow | null> {
    if (lock)
      await m.query(`SELECT 1 FROM contact WHERE id = $1 AND local_authority_id = $2 FOR UPDATE`, [
        id,
        la,
      ]);
    const rows: ContactRow[] = await m.query(
      `SELECT ${COLUMNS} FROM contact c WHERE c.id = $1 AND c.local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  /** Contacts of the LA, most urgent first: by due date, then receipt, keyset on (due, id). */
  async list(
    m: EntityManager,
    la: string,
    f: ListFilter,
    limit: number,
    after: [string, string] | null,
  ): Promise<ContactRow[]> {
    const params: unknown[] = [la];
    const where = ['c.local_authority_id = $1'];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.status) where.push(`c.status = ${p(f.status)}`);
    if (f.outcome) where.push(`c.outcome = ${p(f.outcome)}`);
    if (f.overdueOn)
      where.push(`c.status IN ('received','screening') AND c.decision_due_by < ${p(f.overdueOn)}`);
    if (f.cpQueueOnly)
      where.push(
        `c.outcome IN ('strategy_discussion','immediate_protection') AND c.authorised_at IS NOT NULL`,
      );
    if (f.referrerUserId) where.push(`c.referrer_user_id = ${p(f.referrerUserId)}`);
    if (after)
      where.push(`(c.decision_due_by, c.id) > (${p(after[0])}::date, ${p(after[1])}::uuid)`);
    return m.query(
      `SELECT ${COLUMNS} FROM contact c WHERE ${where.join(' AND ')}
        ORDER BY c.decision_due_by, c.id LIMIT ${p(limit + 1)}`,
      params,
    );
  }

  /**
   * For the repeat rule: the largest number of other contacts about any one of `personIds`
   * received in [from, receivedAt] (the contact itself excluded).
   */
  async earlierContacts(
    m: EntityManager,
    la: string,
    contactId: string,
    personIds: string[],
    from: string,
    receivedAt: Date,
  ): Promise<number> {
    if (!personIds.length) return 0;
    const [row]: { n: number | null }[] = await m.query(
      `SELECT max(n)::int AS n FROM (
         SELECT k.person_id, count(DISTINCT c.id) AS n
           FROM contact_child k JOIN contact c ON c.id = k.contact_id
          WHERE c.local_authority_id = $1 AND k.person_id = ANY($2::uuid[]) AND c.id <> $3
            AND c.received_at >= ($4::date AT TIME ZONE 'Europe/London') AND c.received_at <= $5
          GROUP BY k.person_id) x`,
      [la, personIds, contactId, from, receivedAt],
    );
    return row?.n ?? 0;
  }

  async linkChild(
    m: EntityManager,
    la: string,
    contactId: string,
    position: number,
    personId: string,
  ): Promise<void> {
    await m.query(
      `UPDATE contact_child SET person_id = $4
        WHERE contact_id = $2 AND local_authority_id = $1 AND position = $3`,
      [la, contactId, position, personId],
    );
  }

  /** Sets columns of one contact at `version`, bumping it; false when the version moved. */
  async update(
    m: EntityManager,
    la: string,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<boolean> {
    const keys = Object.keys(set);
    const cols = keys.map((k, i) => `${k} = $${i + 4}`);
    const rows: unknown[] = await m.query(
      `UPDATE contact SET ${cols.join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $1 AND local_authority_id = $2 AND version = $3 RETURNING id`,
      [id, la, version, ...keys.map((k) => set[k])],
    );
    return rows.length > 0;
  }

  /** Children of the LA a described child may be: equal NHS number, or a date of birth equal
   * to one of `dates` (each given and transposed). Names are compared in TS (contact-rules). */
  async candidates(
    m: EntityManager,
    la: string,
    nhsNumbers: string[],
    dates: string[],
  ): Promise<PersonRow[]> {
    return m.query(
      `SELECT id, family_id AS "familyId", kind, first_name AS "firstName", last_name AS "lastName",
              date_of_birth::text AS "dateOfBirth", nhs_number AS "nhsNumber"
         FROM person
        WHERE local_authority_id = $1 AND kind = 'child'
          AND (nhs_number = ANY($2::text[]) OR date_of_birth = ANY($3::date[]))
        LIMIT 200`,
      [la, nhsNumbers, dates],
    );
  }

  /** Each person's cases (open or not), with team, and past CP plan decisions per case. */
  async involvement(
    m: EntityManager,
    la: string,
    personIds: string[],
  ): Promise<
    {
      personId: string;
      caseId: string;
      stage: string;
      teamId: string;
      teamName: string;
      cpPlans: number;
    }[]
  > {
    if (!personIds.length) return [];
    return m.query(
      `SELECT cc.person_id AS "personId", r.id AS "caseId", r.stage, r.team_id AS "teamId",
              t.name AS "teamName",
              (SELECT count(*)::int FROM decision d
                WHERE d.case_id = r.id AND d.type = 'start_child_protection_plan'
                  AND cc.person_id = ANY(d.child_ids)) AS "cpPlans"
         FROM case_child cc JOIN case_record r ON r.id = cc.case_id JOIN team t ON t.id = r.team_id
        WHERE r.local_authority_id = $1 AND cc.person_id = ANY($2::uuid[])`,
      [la, personIds],
    );
  }

  /** Contacts about each person received since `from` (a date), the contact itself excluded. */
  async recentContacts(
    m: EntityManager,
    la: string,
    personIds: string[],
    from: string,
    exceptId: string,
  ): Promise<Map<string, number>> {
    if (!personIds.length) return new Map();
    const rows: { personId: string; n: number }[] = await m.query(
      `SELECT k.person_id AS "personId", count(DISTINCT c.id)::int AS n
         FROM contact_child k JOIN contact c ON c.id = k.contact_id
        WHERE c.local_authority_id = $1 AND k.person_id = ANY($2::uuid[]) AND c.id <> $4
          AND c.received_at >= ($3::date AT TIME ZONE 'Europe/London')
        GROUP BY k.person_id`,
      [la, personIds, from, exceptId],
    );
    return new Map(rows.map((r) => [r.personId, r.n]));
  }
}
