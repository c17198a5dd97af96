import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContactListRow } from './annex-a-contacts';
import type { EpisodeRow } from './child-facts';

/** Read-only queries behind the statutory returns, one local authority at a time. */
/** A child `p` with an episode of the LA ($1) open at some point in [$2, $3]. */
const CHILD_IN_WINDOW = `EXISTS (SELECT 1 FROM case_child k JOIN case_episode e ON e.case_id = k.case_id
                         WHERE k.person_id = p.id AND e.local_authority_id = $1
                           AND e.referral_date <= $3::date
                           AND (NOT e.closed OR e.closed_on IS NULL OR e.closed_on >= $2::date))`;

@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** List 1: each child of each contact received in [from, to] (London dates), oldest first. */
  async contactChildren(la: string, from: string, to: string): Promise<ContactListRow[]> {
    return this.ds.query(
      `SELECT p.la_person_id AS "laPersonId", p.id AS "personId", k.id AS "contactChildId",
              p.sex, p.ethnicity,
              COALESCE(p.date_of_birth, k.date_of_birth)::text AS "dateOfBirth",
              (c.received_at AT TIME ZONE 'Europe/London')::date::text AS "contactDate", c.source
         FROM contact c JOIN contact_child k ON k.contact_id = c.id
         LEFT JOIN person p ON p.id = k.person_id
        WHERE c.local_authority_id = $1
          AND (c.received_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
        ORDER BY c.received_at, c.id, k.position`,
      [la, from, to],
    );
  }

  /** The LA's three-digit DfE number (null until an LA administrator sets it). */
  async dfeNumber(la: string): Promise<string | null> {
    const rows: { dfe: string | null }[] = await this.ds.query(
      `SELECT dfe_number AS dfe FROM local_authority WHERE id = $1`,
      [la],
    );
    return rows[0]?.dfe ?? null;
  }

  /** How many census returns of this collection year the LA has already produced (audited). */
  async censusReturnsMade(la: string, year: number): Promise<number> {
    const rows: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE record_id = $1 AND local_authority_id = $1 AND action = 'export.cin_census'
          AND outcome = 'success' AND metadata->>'year' = $2`,
      [la, String(year)],
    );
    return rows[0].n;
  }

  /**
   * The episodes (referral → closure, `case_episode`) of a keyset page of `limit` children (by
   * id, after `afterPersonId`) open at some point in [from, to], ordered by child then referral,
   * each with the facts of that episode only: decisions (superseded ones left out), meetings,
   * visits and assessments dated within it (from its referral to its closure date, or to the
   * day before the next referral when that date was never recorded). A closed episode whose
   * date is unknown is kept. Each page costs what the first does.
   */
  async episodes(
    la: string,
    from: string,
    to: string,
    afterPersonId: string | null,
    limit: number | null,
    uptoPersonId: string | null = null,
  ): Promise<EpisodeRow[]> {
    return this.ds.query(
      `WITH kids AS (
         SELECT p.id FROM person p
          WHERE p.local_authority_id = $1 AND p.kind = 'child'
            AND ($4::uuid IS NULL OR p.id > $4::uuid)
            AND ($6::uuid IS NULL OR p.id <= $6::uuid)
            AND ${CHILD_IN_WINDOW}
          ORDER BY p.id LIMIT $5
       ), eps AS (
         SELECT p.id AS person_id, e.*, cr.stage AS case_stage, cr.team_id, cr.lead_practitioner_id,
                cr.assessment_completed_at, n.referral_date AS next_referral,
                COALESCE(e.closed_on, n.referral_date - 1, 'infinity'::date) AS upto
           FROM kids
           JOIN person p ON p.id = kids.id
           JOIN case_child cc ON cc.person_id = p.id
           JOIN case_episode e ON e.case_id = cc.case_id
           JOIN case_record cr ON cr.id = e.case_id
           LEFT JOIN case_episode n ON n.case_id = e.case_id AND n.seq = e.seq + 1
          WHERE e.local_authority_id = $1
            AND e.referral_date <= $3::date
            AND (NOT e.closed OR e.closed_on IS NULL OR e.closed_on >= $2::date)
       )
       SELECT p.id AS "personId", x.case_id AS "caseId", x.seq, p.la_person_id AS "laPersonId",
              to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.sex, p.gender, p.ethnicity,
              p.disabilities::text[] AS disabilities, p.upn, p.upn_unknown_reason AS "upnUnknownReason",
              to_char(p.expected_date_of_birth, 'YYYY-MM-DD') AS "expectedDateOfBirth",
              to_char(x.referral_date, 'YYYY-MM-DD') AS "referralDate",
              x.referral_source AS "referralSource", x.closed,
              to_char(x.closed_on, 'YYYY-MM-DD') AS "closedOn",
              x.closure_reason AS "closureReason", x.primary_need_at_closure AS "primaryNeed",
              to_char(x.cin_plan_started_on, 'YYYY-MM-DD') AS "cinPlanStartedOn",
              CASE WHEN x.next_referral IS NULL
                   THEN to_char(x.assessment_completed_at, 'YYYY-MM-DD') END AS "assessmentCompletedOn",
              CASE WHEN x.closed THEN 'closed' ELSE x.case_stage END AS stage,
              t.name AS "teamName", u.name AS "workerName",
              coalesce((SELECT json_agg(json_build_object('type', d.type,
                          'date', to_char(d.effective_date, 'YYYY-MM-DD'), 'category', d.category,
                          'strategyDiscussionDate', to_char(d.strategy_discussion_date, 'YYYY-MM-DD'),
                          'conferenceDate', to_char(d.conference_date, 'YYYY-MM-DD'),
                          'outcome', pd.outcome, 'issuedOn', to_char(pd.issued_on, 'YYYY-MM-DD'))
                          ORDER BY d.effective_date, d.created_at)
                          FROM decision d
                          LEFT JOIN proceedings_decision_detail pd ON pd.decision_id = d.id
                         WHERE d.case_id = x.case_id AND p.id = ANY (d.child_ids)
                           AND d.effective_date BETWEEN x.referral_date AND x.upto
                           AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id)),
                       '[]') AS decisions,
              coalesce((SELECT json_agg(json_build_object('kind', m.kind,
                          'date', to_char(m.held_on, 'YYYY-MM-DD')) ORDER BY m.held_on)
                          FROM case_meeting m
                         WHERE m.case_id = x.case_id
                           AND m.held_on BETWEEN x.referral_date AND x.upto), '[]') AS meetings,
              coalesce((SELECT json_agg(json_build_object(
                          'startedOn', to_char(a.started_on, 'YYYY-MM-DD'),
                          'completedOn', to_char(a.completed_on, 'YYYY-MM-DD'),
                          'authorisedOn', to_char(a.authorised_on, 'YYYY-MM-DD'),
                          'factors', a.factors, 'primaryNeed', a.primary_need,
                          'outcome', a.outcome)
                          ORDER BY a.started_on, a.created_at)
                          FROM assessment a
                         WHERE a.case_id = x.case_id AND p.id = ANY (a.child_ids)
                           AND a.started_on BETWEEN x.referral_date AND x.upto), '[]') AS assessments,
              (SELECT json_build_object('date', to_char(v.visited_on, 'YYYY-MM-DD'),
                                        'seenAlone', v.seen_alone)
                 FROM case_visit v WHERE v.case_id = x.case_id AND v.child_id = p.id
                  AND v.visited_on BETWEEN x.referral_date AND x.upto
                ORDER BY v.visited_on DESC LIMIT 1) AS "lastVisit",
              coalesce((SELECT json_agg(to_char(d.effective_date, 'YYYY-MM-DD') ORDER BY d.effective_date)
                          FROM case_child k JOIN decision d ON d.case_id = k.case_id
                         WHERE k.person_id = p.id AND d.local_authority_id = $1
                           AND d.type = 'start_child_protection_plan' AND p.id = ANY (d.child_ids)
                           AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id)),
                       '[]') AS "cpPlanStarts",
              json_build_object(
                'offers', (SELECT json_agg(json_build_object(
                             'offeredOn', to_char(o.offered_on, 'YYYY-MM-DD'),
                             'response', o.response,
                             'respondedOn', to_char(o.responded_on, 'YYYY-MM-DD')))
                             FROM fgdm_offer o
                            WHERE o.case_id = x.case_id AND p.id = ANY (o.child_ids)
                              AND o.offered_on BETWEEN x.referral_date AND x.upto),
                'meetings', (SELECT json_agg(to_char(g.held_on, 'YYYY-MM-DD'))
                               FROM fgdm_meeting g
                              WHERE g.case_id = x.case_id AND p.id = ANY (g.child_ids)
                                AND g.held_on BETWEEN x.referral_date AND x.upto),
                'exemptions', (SELECT json_agg(json_build_object(
                                 'authorisedOn', to_char(e.authorised_on, 'YYYY-MM-DD'),
                                 'scope', e.scope))
                                 FROM fgdm_exemption e
                                WHERE e.case_id = x.case_id AND p.id = ANY (e.child_ids)
                                  AND e.authorised_on BETWEEN x.referral_date AND x.upto),
                'letters', (SELECT json_agg(json_build_object(
                              'startedOn', to_char(l.pre_proceedings_started_on, 'YYYY-MM-DD'),
                              'sentOn', to_char(l.sent_on, 'YYYY-MM-DD')))
                              FROM letter_before_proceedings l
                             WHERE l.case_id = x.case_id
                               AND l.pre_proceedings_started_on BETWEEN x.referral_date AND x.upto)
              ) AS fgdm
         FROM eps x
         JOIN person p ON p.id = x.person_id
         JOIN team t ON t.id = x.team_id
         JOIN app_user u ON u.id = x.lead_practitioner_id
        ORDER BY p.id, x.referral_date, x.case_id, x.seq`,
      [la, from, to, afterPersonId, limit, uptoPersonId],
    );
  }

  /**
   * The last child id of every full page of `size` children in the window (the children
   * `episodes` lists, in the same order): the bounds that let pages be read side by side.
   */
  async childPageBounds(la: string, from: string, to: string, size: number): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM (
         SELECT p.id, row_number() OVER (ORDER BY p.id) AS n FROM person p
          WHERE p.local_authority_id = $1 AND p.kind = 'child'
            AND ${CHILD_IN_WINDOW}
       ) c WHERE n % $4 = 0 ORDER BY id`,
      [la, from, to, size],
    );
    return rows.map((r) => r.id);
  }
}
