import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FamilyPlanType, GrantStatus, RedactableField } from './family-view-rules';
import { CasePerson, RedactionRow } from './family-access.rows';

export interface GrantRow {
  id: string;
  localAuthorityId: string;
  caseId: string;
  personId: string;
  scopes: FamilyPlanType[];
  status: GrantStatus;
  contactEmail: string;
  proposedById: string;
  proposedAt: string;
  approvedById: string | null;
  approvedAt: string | null;
  userId: string | null;
  statusReason: string | null;
  invitationExpiresAt: string | null;
  invitationUsedAt: string | null;
  version: number;
}

const GRANT = `g.id, g.local_authority_id AS "localAuthorityId", g.case_id AS "caseId",
  g.person_id AS "personId", g.scopes, g.status, g.contact_email AS "contactEmail",
  g.proposed_by_id AS "proposedById", g.proposed_at AS "proposedAt",
  g.approved_by_id AS "approvedById", g.approved_at AS "approvedAt", g.user_id AS "userId",
  g.status_reason AS "statusReason", g.invitation_expires_at AS "invitationExpiresAt",
  g.invitation_used_at AS "invitationUsedAt", g.version`;

/** Family-access grants, family members' accounts and redactions; the LA comes first. */
@Injectable()
export class FamilyAccessRepository {
  /** A member of the case's family, with whether they are recorded as an alleged perpetrator. */
  async personOfCase(
    m: EntityManager,
    la: string,
    caseId: string,
    personId: string,
  ): Promise<CasePerson | null> {
    const [row] = await m.query(
      `SELECT p.id, p.first_name AS "firstName", p.last_name AS "lastName",
              p.date_of_birth::text AS "dateOfBirth", p.kind,
              coalesce(r.alleged_perpetrator, false) AS "allegedPerpetrator"
         FROM case_record c
         JOIN person p ON p.family_id = c.family_id
                       OR p.id IN (SELECT n.person_id FROM family_network_member n
                                    WHERE n.family_id = c.family_id)
         LEFT JOIN person_redaction r ON r.person_id = p.id
        WHERE c.local_authority_id = $1 AND c.id = $2 AND p.id = $3`,
      [la, caseId, personId],
    );
    return row ?? null;
  }

  /** Every member of the case's family (for the family's view of who is in their plan). */
  /** Everyone the family view can name: the family's members and its network (with the
   * network's relationship and contact details, never their notes), with any redactions. */
  async peopleOfCase(m: EntityManager, la: string, caseId: string) {
    return (await m.query(
      `SELECT p.id, p.first_name AS "firstName", p.last_name AS "lastName",
              p.date_of_birth::text AS "dateOfBirth", p.kind, x.relationship,
              x.contact->>'address' AS address,
              nullif(jsonb_strip_nulls(jsonb_build_object('phone', x.contact->>'phone',
                                                          'email', x.contact->>'email')),
                     '{}'::jsonb) AS contact,
              r.withheld_from AS "withheldFrom", r.fields
         FROM case_record c
         CROSS JOIN LATERAL (
           SELECT p.id AS person_id, NULL::text AS relationship, NULL::jsonb AS contact
             FROM person p WHERE p.family_id = c.family_id
           UNION ALL
           SELECT n.person_id, n.relationship, n.contact
             FROM family_network_member n WHERE n.family_id = c.family_id) x
         JOIN person p ON p.id = x.person_id
         LEFT JOIN person_redaction r ON r.person_id = p.id
        WHERE c.local_authority_id = $1 AND c.id = $2
        ORDER BY p.kind, p.first_name, p.id`,
      [la, caseId],
    )) as (CasePerson & {
      relationship: string | null;
      address: string | null;
      contact: { phone?: string; email?: string } | null;
      withheldFrom: string[] | null;
      fields: RedactableField[] | null;
    })[];
  }

  async insertGrant(
    m: EntityManager,
    g: {
      la: string;
      caseId: string;
      personId: string;
      scopes: FamilyPlanType[];
      notes: string;
      email: string;
      by: string;
    },
  ): Promise<GrantRow> {
    const [{ id }] = await m.query(
      `INSERT INTO family_access_grant (local_authority_id, case_id, person_id, scopes,
                                        safety_check_notes, contact_email, proposed_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [g.la, g.caseId, g.personId, g.scopes, g.notes, g.email, g.by],
    );
    return (await this.findGrant(m, g.la, id))!;
  }

  async findGrant(m: EntityManager, la: string, id: string, lock = false) {
    const [row] = await m.query(
      `SELECT ${GRANT} FROM family_access_grant g WHERE g.local_authority_id = $1 AND g.id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [la, id],
    );
    return (row as GrantRow | undefined) ?? null;
  }

  async listGrants(m: EntityManager, la: string, caseId: string): Promise<GrantRow[]> {
    return m.query(
      `SELECT ${GRANT} FROM family_access_grant g
        WHERE g.local_authority_id = $1 AND g.case_id = $2 ORDER BY g.proposed_at, g.id`,
      [la, caseId],
    );
  }

  async liveGrantFor(m: EntityManager, la: string, caseId: string, personId: string) {
    const [row] = await m.query(
      `SELECT id FROM family_access_grant WHERE local_authority_id = $1 AND case_id = $2
          AND person_id = $3 AND status IN ('proposed','active','suspended')`,
      [la, caseId, personId],
    );
    return (row?.id as string | undefined) ?? null;
  }

  async setStatus(
    m: EntityManager,
    la: string,
    id: string,
    s: {
      status: GrantStatus;
      by: string;
      reason: string | null;
      approve?: boolean;
      invitation?: { hash: string; expiresAt: Date };
    },
  ): Promise<void> {
    await m.query(
      `UPDATE family_access_grant SET status = $3, status_reason = $4, status_changed_by_id = $5,
              status_changed_at = clock_timestamp(), version = version + 1,
              approved_by_id = CASE WHEN $6 THEN $5 ELSE approved_by_id END,
              approved_at = CASE WHEN $6 THEN clock_timestamp() ELSE approved_at END,
              invitation_hash = coalesce($7, invitation_hash),
              invitation_expires_at = coalesce($8, invitation_expires_at)
        WHERE local_authority_id = $1 AND id = $2`,
      [
        la,
        id,
        s.status,
        s.reason,
        s.by,
        !!s.approve,
        s.invitation?.hash ?? null,
        s.invitation?.expiresAt ?? null,
      ],
    );
  }

  /** The grant an unused invitation code opens (any LA: the code is the only key), locked. */
  async grantByInvitation(m: EntityManager, hash: string) {
    const [row] = await m.query(
      `SELECT ${GRANT}, g.invitation_expires_at < clock_timestamp() AS expired
         FROM family_access_grant g WHERE g.invitation_hash = $1 FOR UPDATE`,
      [hash],
    );
    return (row as (GrantRow & { expired: boolean }) | undefined) ?? null;
  }

  async useInvitation(m: EntityManager, la: string, id: string, userId: string): Promise<void> {
    await m.query(
      `UPDATE family_access_grant SET invitation_used_at = clock_timestamp(), user_id = $3,
              version = version + 1
        WHERE local_authority_id = $1 AND id = $2`,
      [la, id, userId],
    );
  }

  /** The active grant of a family member (their one window onto a case). */
  async activeGrantOfUser(m: EntityManager, la: string, userId: string) {
    const [row] = await m.query(
      `SELECT ${GRANT} FROM family_access_grant g
        WHERE g.local_authority_id = $1 AND g.user_id = $2 AND g.status = 'active'
        ORDER BY g.approved_at DESC LIMIT 1`,
      [la, userId],
    );
    return (row as GrantRow | undefined) ?? null;
  }

  async personFamily(m: EntityManager, la: string, personId: string) {
    const [row] = await m.query(
      `SELECT coalesce(p.family_id, (SELECT n.family_id FROM family_network_member n
                                        WHERE n.person_id = p.id LIMIT 1)) AS family_id
         FROM person p WHERE p.local_authority_id = $1 AND p.id = $2`,
      [la, personId],
    );
    return (row?.family_id as string | undefined) ?? null;
  }

  async familyMembers(
    m: EntityManager,
    la: string,
    familyId: string,
  ): Promise<{ id: string; kind: string }[]> {
    return m.query(
      `SELECT p.id, p.kind FROM person p
        WHERE p.local_authority_id = $1
          AND (p.family_id = $2 OR p.id IN (SELECT n.person_id FROM family_network_member n
                                             WHERE n.family_id = $2))`,
      [la, familyId],
    );
  }

  async findRedaction(m: EntityManager, la: string, personId: string) {
    const [row] = await m.query(
      `SELECT person_id AS "personId", withheld_from AS "withheldFrom", fields,
              alleged_perpetrator AS "allegedPerpetrator", version, updated_at AS "updatedAt"
         FROM person_redaction WHERE local_authority_id = $1 AND person_id = $2`,
      [la, personId],
    );
    return (row as RedactionRow | undefined) ?? null;
  }

  async upsertRedaction(
    m: EntityManager,
    la: string,
    personId: string,
    r: {
      withheldFrom: string[];
      fields: RedactableField[];
      allegedPerpetrator: boolean;
      by: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO person_redaction (person_id, local_authority_id, withheld_from, fields,
                                     alleged_perpetrator, updated_by_id)
       VALUES ($2, $1, $3, $4, $5, $6)
       ON CONFLICT (person_id) DO UPDATE SET withheld_from = $3, fields = $4,
              alleged_perpetrator = $5, updated_by_id = $6, updated_at = clock_timestamp(),
              version = person_redaction.version + 1`,
      [la, personId, r.withheldFrom, r.fields, r.allegedPerpetrator, r.by],
    );
  }

  async caseChildren(m: EntityManager, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT person_id AS id FROM case_child WHERE case_id = $1 ORDER BY person_id`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  async userByEmail(m: EntityManager, email: string) {
    const [row] = await m.query(
      `SELECT id, roles, active, password_hash AS hash FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    return (
      (row as { id: string; roles: string[]; active: boolean; hash: string } | undefined) ?? null
    );
  }

  /** A family member's own account: one role, the grant's LA. */
  async insertFamilyUser(
    m: EntityManager,
    u: { la: string; email: string; name: string; hash: string },
  ): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO app_user (email, name, password_hash, roles, local_authority_id)
       VALUES ($1, $2, $3, ARRAY['family_member'], $4) RETURNING id`,
      [u.email, u.name, u.hash, u.la],
    );
    return id;
  }
}
