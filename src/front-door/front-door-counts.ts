import type { EntityManager } from 'typeorm';

export interface FrontDoorCounts {
  received: number;
  decided: number;
  decidedWithinWorkingDay: number;
  undecidedOverdue: number;
  repeatContacts: number;
  thirdOrLaterContacts: number;
  referrals: number;
  reReferralsWithin12Months: number;
}

/** The front door's indicators over [from, to] (London dates), counts only (read model). */
export async function frontDoorCounts(
  m: EntityManager,
  la: string,
  from: string,
  to: string,
  today: string,
  months: number,
): Promise<FrontDoorCounts> {
  const [row]: FrontDoorCounts[] = await m.query(
    `WITH period AS (
       SELECT c.* FROM contact c
        WHERE c.local_authority_id = $1
          AND (c.received_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date),
     earlier AS (
       SELECT p.id, max(n) AS n FROM period p
         JOIN LATERAL (
           SELECT count(DISTINCT o.id) AS n
             FROM contact_child k JOIN contact_child ok ON ok.person_id = k.person_id
             JOIN contact o ON o.id = ok.contact_id
            WHERE k.contact_id = p.id AND k.person_id IS NOT NULL AND o.id <> p.id
              AND o.local_authority_id = $1 AND o.received_at <= p.received_at
              AND o.received_at >= (((p.received_at AT TIME ZONE 'Europe/London')::date
                                     - make_interval(months => $5::int))::date AT TIME ZONE 'Europe/London')
            GROUP BY k.person_id) x ON true
        GROUP BY p.id),
     referrals AS (
       SELECT e.id, e.case_id, (e.data->'referral'->>'date')::date AS day
         FROM case_event e
        WHERE e.local_authority_id = $1
          AND e.type IN ('case_created', 'case_reopened', 'referral_added')
          AND e.data->'referral'->>'date' IS NOT NULL)
     SELECT
       (SELECT count(*)::int FROM period) AS received,
       (SELECT count(*)::int FROM period WHERE decided_on IS NOT NULL) AS decided,
       (SELECT count(*)::int FROM period WHERE decided_on <= decision_due_by) AS "decidedWithinWorkingDay",
       (SELECT count(*)::int FROM period WHERE decided_on IS NULL AND decision_due_by < $4::date)
         AS "undecidedOverdue",
       (SELECT count(*)::int FROM earlier WHERE n >= 1) AS "repeatContacts",
       (SELECT count(*)::int FROM earlier WHERE n >= 2) AS "thirdOrLaterContacts",
       (SELECT count(*)::int FROM referrals r WHERE r.day BETWEEN $2::date AND $3::date) AS referrals,
       (SELECT count(*)::int FROM referrals r
         WHERE r.day BETWEEN $2::date AND $3::date
           AND EXISTS (
             SELECT 1 FROM case_child cc JOIN case_child oc ON oc.person_id = cc.person_id
               JOIN referrals o ON o.case_id = oc.case_id
              WHERE cc.case_id = r.case_id AND o.id <> r.id AND o.day <= r.day
                AND o.day > (r.day - make_interval(months => $5::int))::date))
         AS "reReferralsWithin12Months"`,
    [la, from, to, today, months],
  );
  return row;
}
