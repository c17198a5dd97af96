import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface EpisodeSource {
  caseId: string;
  /** 1 for the case's first referral, then one per reopening. */
  seq: number;
  childId: string;
  teamId: string;
  teamKind: string;
  dob: string | null;
  referralDate: string;
  referralSource: string;
  stage: string;
  closureReason: string | null;
  closedOn: string | null;
  /** Closed, whether or not its date is known (a closure from before dates were stored). */
  closed: boolean;
  restricted: boolean;
  cpPlans: number;
}

export interface EventSource {
  caseId: string;
  type: string;
  dayOffset: number;
  actorType: string;
  roles: string[] | null;
  teamKinds: string | null;
  stageFrom: string | null;
  stageTo: string | null;
  decisionType: string | null;
}

/** The rows the evaluation extract is built from: cases of the LA referred in the period. Only
 * codes, dates and ids leave this class (never names or free text); the service pseudonymises. */
@Injectable()
export class EvaluationRepository {
  async countEpisodes(m: EntityManager, la: string, from: string, to: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM case_episode e JOIN case_child cc ON cc.case_id = e.case_id
        WHERE e.local_authority_id = $1 AND e.referral_date BETWEEN $2::date AND $3::date`,
      [la, from, to],
    );
    return rows[0].n;
  }

  async episodes(m: EntityManager, la: string, from: string, to: string): Promise<EpisodeSource[]> {
    return m.query(
      `SELECT c.id AS "caseId", e.seq, cc.person_id AS "childId", c.team_id AS "teamId",
              t.kind AS "teamKind", to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob,
              to_char(e.referral_date, 'YYYY-MM-DD') AS "referralDate",
              e.referral_source AS "referralSource",
              CASE WHEN e.closed THEN 'closed' ELSE c.stage END AS stage,
              e.closure_reason AS "closureReason", e.closed,
              to_char(e.closed_on, 'YYYY-MM-DD') AS "closedOn", c.restricted,
              (SELECT count(*)::int FROM decision d
                WHERE d.case_id = c.id AND d.type = 'start_child_protection_plan'
                  AND cc.person_id = ANY (d.child_ids)
                  AND d.effective_date >= e.referral_date
                  AND (n.referral_date IS NULL OR d.effective_date < n.referral_date)
                  AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id))
                AS "cpPlans"
         FROM case_episode e
         JOIN case_record c ON c.id = e.case_id
         LEFT JOIN case_episode n ON n.case_id = e.case_id AND n.seq = e.seq + 1
         JOIN case_child cc ON cc.case_id = c.id
         JOIN person p ON p.id = cc.person_id
         JOIN team t ON t.id = c.team_id
        WHERE e.local_authority_id = $1 AND e.referral_date BETWEEN $2::date AND $3::date
        ORDER BY c.id, e.seq, cc.person_id`,
      [la, from, to],
    );
  }

  /** Timeline events of the unrestricted cases with an episode referred in the period, by case
   * in recorded order; day offsets count from the case's first referral. */
  async events(m: EntityManager, la: string, from: string, to: string): Promise<EventSource[]> {
    return m.query(
      `SELECT e.case_id AS "caseId", e.type,
              ((e.at AT TIME ZONE 'Europe/London')::date
                - (SELECT min(f.referral_date) FROM case_episode f WHERE f.case_id = c.id))
                AS "dayOffset",
              e.actor_type AS "actorType", u.roles,
              (SELECT string_agg(DISTINCT t.kind, '|' ORDER BY t.kind)
                 FROM team_member tm JOIN team t ON t.id = tm.team_id
                WHERE tm.user_id = e.actor_id) AS "teamKinds",
              CASE WHEN e.type = 'stage_changed' THEN e.data->>'from' END AS "stageFrom",
              CASE WHEN e.type = 'stage_changed' THEN e.data->>'to' END AS "stageTo",
              CASE WHEN e.type = 'decision_recorded' THEN e.data->>'decisionType' END
                AS "decisionType"
         FROM case_event e
         JOIN case_record c ON c.id = e.case_id
         LEFT JOIN app_user u ON u.id = e.actor_id AND e.actor_type = 'user'
        WHERE c.local_authority_id = $1 AND NOT c.restricted
          AND EXISTS (SELECT 1 FROM case_episode f WHERE f.case_id = c.id
                         AND f.referral_date BETWEEN $2::date AND $3::date)
        ORDER BY e.case_id, e.id`,
      [la, from, to],
    );
  }
}
