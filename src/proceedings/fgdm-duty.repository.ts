import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { writeReturning } from 'src/common/sql';
import type { DutyExemption, DutyMeeting, DutyOffer } from './fgdm-duty.rules';
import type { ReferralStatus } from './fgdm-duty.entity';

export interface OfferRow extends DutyOffer {
  caseId: string;
  channel: string;
  recordedById: string;
}
export interface ExemptionRow extends DutyExemption {
  caseId: string;
  reason: string;
  proposedById: string;
  authorisedById: string | null;
}
export interface ReferralRow {
  id: string;
  caseId: string;
  coordinatorId: string;
  childIds: string[];
  summaryForFamily: string;
  status: ReferralStatus;
  referredById: string;
  createdAt: string;
}

const OFFER = `id, case_id AS "caseId", child_ids AS "childIds", offered_to_id AS "offeredToId",
  to_char(offered_on, 'YYYY-MM-DD') AS "offeredOn", channel, response,
  to_char(responded_on, 'YYYY-MM-DD') AS "respondedOn", recorded_by_id AS "recordedById"`;
const EXEMPTION = `id, case_id AS "caseId", child_ids AS "childIds", scope, reason,
  proposed_by_id AS "proposedById", authorised_by_id AS "authorisedById",
  to_char(authorised_on, 'YYYY-MM-DD') AS "authorisedOn"`;
const REFERRAL = `id, case_id AS "caseId", coordinator_id AS "coordinatorId",
  child_ids AS "childIds", summary_for_family AS "summaryForFamily", status,
  referred_by_id AS "referredById", created_at AS "createdAt"`;

/** Queries on the FGDM duty's tables (fgdm_offer, fgdm_exemption, fgdm_referral); every
 * method takes the LA first. */
@Injectable()
export class FgdmDutyRepository {
  async settings(
    m: EntityManager,
    la: string,
  ): Promise<{ offerWorkingDays: number; preProceedingsWeeks: number }> {
    const rows: { offerWorkingDays: number; preProceedingsWeeks: number }[] = await m.query(
      `SELECT fgdm_offer_response_working_days AS "offerWorkingDays",
              pre_proceedings_weeks AS "preProceedingsWeeks"
         FROM local_authority WHERE id = $1`,
      [la],
    );
    return rows[0];
  }

  /** The adults of the case's family among `personIds`. */
  async adultsOfCase(
    m: EntityManager,
    la: string,
    caseId: string,
    personIds: string[],
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT p.id FROM person p JOIN case_record c ON c.family_id = p.family_id
        WHERE c.id = $1 AND c.local_authority_id = $2 AND p.kind = 'adult'
          AND p.id = ANY($3::uuid[])`,
      [caseId, la, personIds],
    );
    return rows.map((r) => r.id);
  }

  /** Whether `userId` is an active user of the LA holding `role`. */
  async userHasRole(m: EntityManager, la: string, userId: string, role: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM app_user WHERE id = $1 AND local_authority_id = $2 AND $3 = ANY(roles)
          AND active`,
      [userId, la, role],
    );
    return rows.length > 0;
  }

  async insertOffer(
    m: EntityManager,
    la: string,
    o: Omit<OfferRow, 'id' | 'response' | 'respondedOn'>,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO fgdm_offer (local_authority_id, case_id, child_ids, offered_to_id, offered_on,
                               channel, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [la, o.caseId, o.childIds, o.offeredToId, o.offeredOn, o.channel, o.recordedById],
    );
    return rows[0].id;
  }

  async findOffer(m: EntityManager, la: string, id: string): Promise<OfferRow | null> {
    const rows: OfferRow[] = await m.query(
      `SELECT ${OFFER} FROM fgdm_offer WHERE id = $1 AND local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  /** Records the answer once; false when the offer was already answered. */
  async answerOffer(
    m: EntityManager,
    la: string,
    id: string,
    response: string,
    respondedOn: string,
  ): Promise<boolean> {
    const rows = await writeReturning(
      m,
      `UPDATE fgdm_offer SET response = $3, responded_on = $4
        WHERE id = $1 AND local_authority_id = $2 AND response IS NULL RETURNING id`,
      [id, la, response, respondedOn],
    );
    return rows.length > 0;
  }

  async offersOfCase(m: EntityManager, la: string, caseId: string): Promise<OfferRow[]> {
    return m.query(
      `SELECT ${OFFER} FROM fgdm_offer WHERE case_id = $1 AND local_authority_id = $2
        ORDER BY offered_on, created_at, id`,
      [caseId, la],
    );
  }

  async insertExemption(
    m: EntityManager,
    la: string,
    e: { caseId: string; childIds: string[]; scope: string; reason: string; by: string },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO fgdm_exemption (local_authority_id, case_id, child_ids, scope, reason,
                                   proposed_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [la, e.caseId, e.childIds, e.scope, e.reason, e.by],
    );
    return rows[0].id;
  }

  async findExemption(m: EntityManager, la: string, id: string): Promise<ExemptionRow | null> {
    const rows: ExemptionRow[] = await m.query(
      `SELECT ${EXEMPTION} FROM fgdm_exemption WHERE id = $1 AND local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  /** Authorises once; false when it was already authorised. */
  async authoriseExemption(
    m: EntityManager,
    la: string,
    id: string,
    by: string,
    on: string,
  ): Promise<boolean> {
    const rows = await writeReturning(
      m,
      `UPDATE fgdm_exemption SET authorised_by_id = $3, authorised_on = $4
        WHERE id = $1 AND local_authority_id = $2 AND authorised_by_id IS NULL RETURNING id`,
      [id, la, by, on],
    );
    return rows.length > 0;
  }

  async exemptionsOfCase(m: EntityManager, la: string, caseId: string): Promise<ExemptionRow[]> {
    return m.query(
      `SELECT ${EXEMPTION} FROM fgdm_exemption WHERE case_id = $1 AND local_authority_id = $2
        ORDER BY created_at, id`,
      [caseId, la],
    );
  }

  /** FGDM meetings held on the case (src/plans records them). */
  async meetingsOfCase(m: EntityManager, la: string, caseId: string): Promise<DutyMeeting[]> {
    return m.query(
      `SELECT child_ids AS "childIds", to_char(held_on, 'YYYY-MM-DD') AS "heldOn"
         FROM fgdm_meeting WHERE case_id = $1 AND local_authority_id = $2 ORDER BY held_on`,
      [caseId, la],
    );
  }

  async insertReferral(
    m: EntityManager,
    la: string,
    r: {
      caseId: string;
      coordinatorId: string;
      childIds: string[];
      summaryForFamily: string;
      by: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO fgdm_referral (local_authority_id, case_id, coordinator_id, child_ids,
                                  summary_for_family, referred_by_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [la, r.caseId, r.coordinatorId, r.childIds, r.summaryForFamily, r.by],
    );
    return rows[0].id;
  }

  async findReferral(m: EntityManager, la: string, id: string): Promise<ReferralRow | null> {
    const rows: ReferralRow[] = await m.query(
      `SELECT ${REFERRAL} FROM fgdm_referral WHERE id = $1 AND local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ?? null;
  }

  async referralsOfCase(m: EntityManager, la: string, caseId: string): Promise<ReferralRow[]> {
    return m.query(
      `SELECT ${REFERRAL} FROM fgdm_referral WHERE case_id = $1 AND local_authority_id = $2
        ORDER BY created_at, id`,
      [caseId, la],
    );
  }

  async referralsOfCoordinator(
    m: EntityManager,
    la: string,
    coordinatorId: string,
  ): Promise<ReferralRow[]> {
    return m.query(
      `SELECT ${REFERRAL} FROM fgdm_referral WHERE coordinator_id = $1 AND local_authority_id = $2
        ORDER BY created_at DESC, id LIMIT 200`,
      [coordinatorId, la],
    );
  }

  async setReferralStatus(
    m: EntityManager,
    la: string,
    id: string,
    from: string,
    to: string,
  ): Promise<boolean> {
    const rows = await writeReturning(
      m,
      `UPDATE fgdm_referral SET status = $4 WHERE id = $1 AND local_authority_id = $2
          AND status = $3 RETURNING id`,
      [id, la, from, to],
    );
    return rows.length > 0;
  }

  /** What a coordinator reads of a referral's family: the family's name, its members' names
   * and its network's names (nothing else of the case). */
  async namesForReferral(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<{ familyName: string; members: string[]; network: string[] }> {
    const rows: { familyName: string; members: string[] | null; network: string[] | null }[] =
      await m.query(
        `SELECT f.name AS "familyName",
                (SELECT array_agg(p.first_name || ' ' || p.last_name ORDER BY p.kind, p.first_name)
                   FROM person p WHERE p.family_id = f.id) AS members,
                (SELECT array_agg(p.first_name || ' ' || p.last_name ORDER BY p.first_name)
                   FROM family_network_member n JOIN person p ON p.id = n.person_id
                  WHERE n.family_id = f.id) AS network
           FROM case_record c JOIN family f ON f.id = c.family_id
          WHERE c.id = $1 AND c.local_authority_id = $2`,
        [caseId, la],
      );
    const r = rows[0];
    return { familyName: r.familyName, members: r.members ?? [], network: r.network ?? [] };
  }
}
