import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SUMMARY_WORKING_DAYS } from './family-view-rules';

/** What the statement counts (the response adds its period). */
export interface FamilyViewMeasures {
  summariesPublished: number;
  publishedWithinTimescale: number;
  grantsActive: number;
  familiesResponded: number;
  responses: number;
  disagreements: number;
  disagreementRate: number | null;
}

/** The family-view indicators' one statement; the LA comes first. */
@Injectable()
export class FamilyViewIndicatorRepository {
  /**
   * The measures over `from`–`to` of the LA's cases, or (`memberId`) of the cases of that
   * user's teams: summaries published (and within the local timescale), grants active, and the
   * families' responses.
   */
  async measures(
    m: EntityManager,
    la: string,
    from: string,
    to: string,
    memberId: string | null,
  ): Promise<FamilyViewMeasures> {
    const scope =
      memberId === null
        ? 'TRUE'
        : `c.team_id IN (SELECT tm.team_id FROM team_member tm WHERE tm.user_id = $4)`;
    const [row] = await m.query(
      `WITH cases AS (SELECT c.id FROM case_record c WHERE c.local_authority_id = $1 AND ${scope}),
       published AS (
         SELECT s.published_at, (s.published_at AT TIME ZONE 'Europe/London')::date AS on_day,
                CASE s.plan_type
                  WHEN 'cp_plan' THEN (SELECT d.effective_date FROM decision d WHERE d.id = s.plan_id)
                  WHEN 'family_network_plan' THEN
                    (SELECT (max(a.agreed_at) AT TIME ZONE 'Europe/London')::date
                       FROM family_network_plan_agreement a
                      WHERE a.plan_id = s.plan_id AND a.version_number = s.plan_version)
                  WHEN 'community_safety_plan' THEN
                    (SELECT p.started_on FROM community_safety_plan p WHERE p.id = s.plan_id)
                  ELSE (SELECT (p.created_at AT TIME ZONE 'Europe/London')::date
                          FROM family_help_plan p WHERE p.id = s.plan_id)
                END AS in_force_on
           FROM family_summary s
          WHERE s.local_authority_id = $1 AND s.case_id IN (SELECT id FROM cases)
            AND s.status = 'published'
            AND (s.published_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3),
       grants AS (
         SELECT g.id FROM family_access_grant g
          WHERE g.local_authority_id = $1 AND g.case_id IN (SELECT id FROM cases)
            AND (g.approved_at AT TIME ZONE 'Europe/London')::date <= $3
            AND (g.status = 'active' OR (g.status_changed_at AT TIME ZONE 'Europe/London')::date >= $2)),
       answers AS (
         SELECT r.grant_id, r.agrees FROM family_response r
          WHERE r.local_authority_id = $1 AND r.case_id IN (SELECT id FROM cases)
            AND (r.recorded_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3)
       SELECT (SELECT count(*) FROM published)::int AS "summariesPublished",
              (SELECT count(*) FROM published p
                 JOIN working_day w0 ON w0.day = p.in_force_on
                 JOIN working_day w1 ON w1.day = p.on_day
                WHERE w1.n - w0.n <= ${SUMMARY_WORKING_DAYS})::int AS "publishedWithinTimescale",
              (SELECT count(*) FROM grants)::int AS "grantsActive",
              (SELECT count(DISTINCT grant_id) FROM answers
                WHERE grant_id IN (SELECT id FROM grants))::int AS "familiesResponded",
              (SELECT count(*) FROM answers)::int AS responses,
              (SELECT count(*) FROM answers WHERE agrees = false)::int AS disagreements,
              (SELECT round(count(*) FILTER (WHERE agrees = false)::numeric
                            / nullif(count(agrees), 0), 3)::float8 FROM answers) AS "disagreementRate"`,
      memberId === null ? [la, from, to] : [la, from, to, memberId],
    );
    return row;
  }
}
