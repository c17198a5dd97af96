import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface EpisodeSource {
  caseId: string;
  childId: string;
  teamId: string;
  teamKind: string;
  dob: string | null;
  referralDate: string;
  referralSource: string;
  stage: string;
  closureReason: string | null;
  closedOn: string | null;
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
      `SELECT count(*)::int AS n FROM case_record c JOIN case_child cc ON cc.case_id = c.id
        WHERE c.local_authority_id = $1 AND c.referral_date BETWEEN $2::date AND $3::date`,
      [la, from, to],
    );
    return rows[0].n;
  }

  async episodes(m: EntityManager, la: string, from: string, to: string): Promise<EpisodeSource[]> {
    return m.query(
      `SELECT c.id AS "caseId", cc.person_id AS "childId", c.team_id AS "teamId",
              t.kind AS "teamKind", to_char(p.date_of_birth, 'YYYY-MM-DD') AS dob,
              to_char(c.referral_date, 'YYYY-MM-DD') AS "referralDate",
              c.referral_source AS "referralSource", c.stage, c.closure_reason AS "closureReason",
              to_char((c.closed_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS "closedOn",
              c.restricted,
              (SELECT count(*)::int FROM decision d
                WHERE d.case_id = c.id AND d.type = 'start_child_protection_plan'
                  AND cc.person_id = ANY (d.child_ids)
                  AND NOT EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = d.id))
                AS "cpPlans"
         FROM case_record c
         JOIN case_child cc ON cc.case_id = c.id
         JOIN person p ON p.id = cc.person_id
         JOIN team t ON t.id = c.team_id
        WHERE c.local_authority_id = $1 AND c.referral_date BETWEEN $2::date AND $3::date
        ORDER BY c.id, cc.person_id`,
      [la, from, to],
    );
  }

  /** Timeline events of the period's unrestricted cases, by case in recorded order. */
  async events(m: EntityManager, la: string, from: string, to: string): Promise<EventSource[]> {
    return m.query(
      `SELECT e.case_id AS "caseId", e.type,
              ((e.at AT TIME ZONE 'Europe/London')::date - c.referral_date) AS "dayOffset",
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
        WHERE c.local_authority_id = $1 AND c.referral_date BETWEEN $2::date AND $3::date
          AND NOT c.restricted
        ORDER BY e.case_id, e.id`,
      [la, from, to],
    );
  }
}
