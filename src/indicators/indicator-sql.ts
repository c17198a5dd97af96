/**
 * Every practice indicator as set-based SQL (definitions in words: docs/indicators.md). Each
 * indicator is an `items` query — one row per counted thing (a timescale item, a concern, a
 * plan per child, a decision request, a visit …) with its case, the date it is counted on
 * (`on_date`, which picks its month) and its own values — and a list of measures aggregated
 * over those rows. The same `items` feed the aggregates (every case of the scope, restricted
 * ones included) and the drill-down list (filtered by the access gate's case rule).
 *
 * Parameters: $1 local authority, $2 from, $3 to, $4 as-of date (statuses and answers are
 * counted as known on that day), then the team scope's own. `{{TEAM}}` is the team scope over
 * case_record `c`. Superseded decisions never count (`live`).
 */

export const INDICATOR_KEYS = [
  'timescale_assessment',
  'timescale_initial_cp_conference',
  'concern_response',
  'conversion',
  'repeat_cp_plans',
  'step_downs',
  'lead_changed_in_cp',
  'decision_requests',
  'challenges',
  'visits_seen_alone',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorSql {
  items: string;
  /** Measure name (camelCase, in the response) → aggregate over items `i`. */
  measures: Record<string, string>;
  /** Item columns shown in a drill-down row (snake_case in SQL). */
  values: string[];
}

const live = (a: string) =>
  `NOT EXISTS (SELECT 1 FROM decision sup WHERE sup.supersedes_id = ${a}.id)`;
const london = (col: string) => `(${col} AT TIME ZONE 'Europe/London')::date`;
const FROM = '$2::date';
const TO = '$3::date';
const AS_OF = '$4::date';
/** [from, to] as instants for timestamp columns (days in England). */
const inPeriod = (col: string) =>
  `${col} >= (${FROM}::timestamp AT TIME ZONE 'Europe/London')
   AND ${col} < ((${TO} + 1)::timestamp AT TIME ZONE 'Europe/London')`;

const TIMESCALE_MEASURES = {
  items: 'count(*)::int',
  met: `count(*) FILTER (WHERE i.status = 'met')::int`,
  metLate: `count(*) FILTER (WHERE i.status = 'met_late')::int`,
  overdue: `count(*) FILTER (WHERE i.status = 'overdue')::int`,
  due: `count(*) FILTER (WHERE i.status = 'due')::int`,
  medianDaysLate: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_late)',
};

const status = (done: string, due: string) =>
  `CASE WHEN ${done} IS NOT NULL THEN CASE WHEN ${done} > ${due} THEN 'met_late' ELSE 'met' END
        WHEN ${AS_OF} > ${due} THEN 'overdue' ELSE 'due' END`;

/** The assessment of the case's current referral: due 45 working days after it. */
const ASSESSMENT = `
  SELECT c.id AS case_id, due.day AS on_date, c.id::text AS item_id,
         ${status('a.done', 'due.day')} AS status,
         CASE WHEN a.done > due.day THEN a.done - due.day END AS days_late
    FROM case_record c
    JOIN working_day w0 ON w0.day = c.referral_date
    JOIN working_day due ON due.working AND due.n = w0.n + 45
    CROSS JOIN LATERAL (SELECT CASE WHEN c.assessment_completed_at <= ${AS_OF}
                                    THEN c.assessment_completed_at END AS done) a
   WHERE c.local_authority_id = $1 AND {{TEAM}}
     AND c.referral_date BETWEEN ${FROM} - 100 AND ${TO}
     AND due.day BETWEEN ${FROM} AND ${TO}
     AND (a.done IS NOT NULL OR c.closed_at IS NULL OR ${london('c.closed_at')} > due.day)`;

/** The initial conference of each s47 enquiry: due 15 working days after its strategy
 * discussion; held = the first initial conference recorded on or after it, or the conference
 * convened in the enquiry that a CP plan came out of. */
const ICPC = `
  SELECT d.case_id, due.day AS on_date, d.id::text AS item_id,
         ${status('h.held', 'due.day')} AS status,
         CASE WHEN h.held > due.day THEN h.held - due.day END AS days_late
    FROM decision d
    JOIN case_record c ON c.id = d.case_id
    JOIN working_day w0 ON w0.day = coalesce(d.strategy_discussion_date, d.effective_date)
    JOIN working_day due ON due.working AND due.n = w0.n + 15
    CROSS JOIN LATERAL (SELECT least(
      (SELECT min(mt.held_on) FROM case_meeting mt
        WHERE mt.case_id = d.case_id AND mt.kind = 'initial_cp_conference'
          AND mt.held_on >= w0.day AND mt.held_on <= ${AS_OF}),
      (SELECT min(cv.conference_date) FROM decision cv
        WHERE cv.case_id = d.case_id AND cv.type = 'convene_initial_cp_conference'
          AND ${live('cv')} AND cv.effective_date >= d.effective_date
          AND cv.conference_date <= ${AS_OF}
          AND EXISTS (SELECT 1 FROM decision p
                       WHERE p.case_id = d.case_id AND p.type = 'start_child_protection_plan'
                         AND ${live('p')} AND p.effective_date >= cv.conference_date
                         AND p.effective_date <= ${AS_OF}))) AS held) h
   WHERE d.local_authority_id = $1 AND d.type = 'start_section_47_enquiry' AND ${live('d')}
     AND {{TEAM}}
     AND d.effective_date BETWEEN ${FROM} - 60 AND ${TO}
     AND due.day BETWEEN ${FROM} AND ${TO}
     AND (h.held IS NOT NULL OR NOT EXISTS (
           SELECT 1 FROM decision e
            WHERE e.case_id = d.case_id AND e.type = 'no_further_action' AND ${live('e')}
              AND e.effective_date >= d.effective_date AND e.effective_date <= due.day))`;

/** The first live decision of `types` on the concern's case on or after the day it was raised
 * (and by the as-of date). */
const firstAfterConcern = (types: string) => `
  (SELECT min(x.effective_date) FROM decision x
    WHERE x.case_id = cc.case_id AND x.type IN (${types}) AND ${live('x')}
      AND x.effective_date >= cc.raised_on AND x.effective_date <= ${AS_OF})`;

/** Each concern of significant harm raised in the period, with what followed it. */
const CONCERNS = `
  SELECT cc.case_id, cc.raised_on AS on_date, cc.id::text AS item_id,
         CASE WHEN e.assigned IS NOT NULL THEN greatest(0, e.assigned - cc.raised_on) END
           AS days_to_ecpp,
         ${firstAfterConcern(`'start_section_47_enquiry', 'no_further_action'`)} - cc.raised_on
           AS days_to_decision,
         ${firstAfterConcern(`'start_section_47_enquiry'`)} IS NOT NULL AS s47,
         ${firstAfterConcern(`'convene_initial_cp_conference'`)} IS NOT NULL AS icpc,
         ${firstAfterConcern(`'start_child_protection_plan'`)} IS NOT NULL AS cp_plan
    FROM case_concern cc
    JOIN case_record c ON c.id = cc.case_id
    CROSS JOIN LATERAL (
      SELECT min(${london('w.assigned_at')}) AS assigned FROM case_co_worker w
       WHERE w.case_id = cc.case_id
         AND (w.ended_at IS NULL OR ${london('w.ended_at')} >= cc.raised_on)
         AND ${london('w.assigned_at')} <= ${AS_OF}) e
   WHERE cc.local_authority_id = $1 AND {{TEAM}} AND cc.raised_on BETWEEN ${FROM} AND ${TO}`;

/** Each child's CP plan started in the period; a repeat when the same child's previous plan
 * (any case of the LA) ended within the two years before it started. The child's earlier
 * plans are found through the child's cases (case_child by person), never by scanning the LA. */
const PLANS = `
  SELECT d.case_id, d.effective_date AS on_date, d.id::text || ':' || ch.child_id AS item_id,
         EXISTS (SELECT 1 FROM case_child cc2
                   JOIN decision e ON e.case_id = cc2.case_id
                  WHERE cc2.person_id = ch.child_id AND e.local_authority_id = $1
                    AND e.type = 'end_child_protection_plan'
                    AND ${live('e')} AND ch.child_id = ANY (e.child_ids)
                    AND e.effective_date <= d.effective_date
                    AND e.effective_date >= d.effective_date - interval '2 years') AS repeat
    FROM decision d
    CROSS JOIN LATERAL unnest(d.child_ids) AS ch(child_id)
    JOIN case_record c ON c.id = d.case_id
   WHERE d.local_authority_id = $1 AND d.type = 'start_child_protection_plan' AND ${live('d')}
     AND {{TEAM}} AND d.effective_date BETWEEN ${FROM} AND ${TO} AND ${AS_OF} IS NOT NULL`;

/** Each step-down (a CP plan ended) in the period; re-escalated when a concern was raised or a
 * s47 enquiry started on the case within six months after it (as known on the as-of date). */
const STEP_DOWNS = `
  SELECT d.case_id, d.effective_date AS on_date, d.id::text AS item_id,
         (EXISTS (SELECT 1 FROM case_concern cc
                   WHERE cc.case_id = d.case_id AND cc.raised_on > d.effective_date
                     AND cc.raised_on <= d.effective_date + interval '6 months'
                     AND cc.raised_on <= ${AS_OF})
          OR EXISTS (SELECT 1 FROM decision s
                      WHERE s.case_id = d.case_id AND s.type = 'start_section_47_enquiry'
                        AND ${live('s')} AND s.effective_date > d.effective_date
                        AND s.effective_date <= d.effective_date + interval '6 months'
                        AND s.effective_date <= ${AS_OF})) AS re_escalated
    FROM decision d
    JOIN case_record c ON c.id = d.case_id
   WHERE d.local_authority_id = $1 AND d.type = 'end_child_protection_plan' AND ${live('d')}
     AND {{TEAM}} AND d.effective_date BETWEEN ${FROM} AND ${TO}`;

/** Each CP episode (a s47 enquiry) started in the period, from its start to the first later
 * no further action, step-down, next enquiry or closure (or the as-of date); lead changed when
 * the case's lead practitioner was reassigned within it. */
const LEAD_CHANGES = `
  SELECT d.case_id, d.effective_date AS on_date, d.id::text AS item_id,
         EXISTS (SELECT 1 FROM case_event ev
                  WHERE ev.case_id = d.case_id AND ev.type = 'lead_practitioner_changed'
                    AND ${london('ev.at')} >= d.effective_date
                    AND ${london('ev.at')} <= ep.ended) AS lead_changed
    FROM decision d
    JOIN case_record c ON c.id = d.case_id
    CROSS JOIN LATERAL (SELECT least(${AS_OF},
      ${london('c.closed_at')},
      (SELECT min(e.effective_date) FROM decision e
        WHERE e.case_id = d.case_id AND ${live('e')} AND e.id <> d.id
          AND e.type IN ('no_further_action', 'end_child_protection_plan',
                         'start_section_47_enquiry')
          AND e.effective_date >= d.effective_date)) AS ended) ep
   WHERE d.local_authority_id = $1 AND d.type = 'start_section_47_enquiry' AND ${live('d')}
     AND {{TEAM}} AND d.effective_date BETWEEN ${FROM} AND ${TO}`;

/** Each decision request made in the period (day in England), answered when a decision was
 * recorded in answer to it by the as-of date. */
const REQUESTS = `
  SELECT r.case_id, ${london('r.requested_at')} AS on_date, r.id::text AS item_id,
         ${london('a.created_at')} - ${london('r.requested_at')} AS days_to_answer
    FROM decision_request r
    JOIN case_record c ON c.id = r.case_id
    LEFT JOIN decision a ON a.request_id = r.id AND ${london('a.created_at')} <= ${AS_OF}
   WHERE r.local_authority_id = $1 AND {{TEAM}} AND ${inPeriod('r.requested_at')}`;

/** Each challenge to a decision recorded in the period. */
const CHALLENGES = `
  SELECT ch.case_id, ${london('ch.raised_at')} AS on_date, ch.id::text AS item_id,
         ch.decision_id, d.type AS decision_type
    FROM decision_challenge ch
    JOIN decision d ON d.id = ch.decision_id
    JOIN case_record c ON c.id = ch.case_id
   WHERE ch.local_authority_id = $1 AND {{TEAM}} AND ${inPeriod('ch.raised_at')}
     AND ${london('ch.raised_at')} <= ${AS_OF}`;

/** Each visit to a child recorded in the period, and whether the child was seen alone. */
const VISITS = `
  SELECT v.case_id, v.visited_on AS on_date, v.id::text AS item_id, v.seen_alone, v.child_id
    FROM case_visit v
    JOIN case_record c ON c.id = v.case_id
   WHERE v.local_authority_id = $1 AND {{TEAM}} AND v.visited_on BETWEEN ${FROM} AND ${TO}
     AND v.visited_on <= ${AS_OF}`;

export const INDICATOR_SQL: Readonly<Record<IndicatorKey, IndicatorSql>> = Object.freeze({
  timescale_assessment: {
    items: ASSESSMENT,
    measures: TIMESCALE_MEASURES,
    values: ['status', 'days_late'],
  },
  timescale_initial_cp_conference: {
    items: ICPC,
    measures: TIMESCALE_MEASURES,
    values: ['status', 'days_late'],
  },
  concern_response: {
    items: CONCERNS,
    measures: {
      concerns: 'count(*)::int',
      ecppAssigned: 'count(i.days_to_ecpp)::int',
      medianDaysToEcpp: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_to_ecpp)',
      decided: 'count(i.days_to_decision)::int',
      medianDaysToDecision: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_to_decision)',
    },
    values: ['days_to_ecpp', 'days_to_decision'],
  },
  conversion: {
    items: CONCERNS,
    measures: {
      concerns: 'count(*)::int',
      s47: 'count(*) FILTER (WHERE i.s47)::int',
      icpc: 'count(*) FILTER (WHERE i.icpc)::int',
      cpPlan: 'count(*) FILTER (WHERE i.cp_plan)::int',
    },
    values: ['s47', 'icpc', 'cp_plan'],
  },
  repeat_cp_plans: {
    items: PLANS,
    measures: {
      plans: 'count(*)::int',
      repeats: 'count(*) FILTER (WHERE i.repeat)::int',
    },
    values: ['repeat'],
  },
  step_downs: {
    items: STEP_DOWNS,
    measures: {
      stepDowns: 'count(*)::int',
      reEscalated: 'count(*) FILTER (WHERE i.re_escalated)::int',
    },
    values: ['re_escalated'],
  },
  lead_changed_in_cp: {
    items: LEAD_CHANGES,
    measures: {
      episodes: 'count(*)::int',
      leadChanged: 'count(*) FILTER (WHERE i.lead_changed)::int',
    },
    values: ['lead_changed'],
  },
  decision_requests: {
    items: REQUESTS,
    measures: {
      requests: 'count(*)::int',
      answered: 'count(i.days_to_answer)::int',
      medianDaysToAnswer: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_to_answer)',
    },
    values: ['days_to_answer'],
  },
  challenges: {
    items: CHALLENGES,
    measures: {
      challenges: 'count(*)::int',
      decisionsChallenged: 'count(DISTINCT i.decision_id)::int',
      cases: 'count(DISTINCT i.case_id)::int',
    },
    values: ['decision_type'],
  },
  visits_seen_alone: {
    items: VISITS,
    measures: {
      visits: 'count(*)::int',
      seenAlone: 'count(*) FILTER (WHERE i.seen_alone)::int',
      children: 'count(DISTINCT i.child_id)::int',
    },
    values: ['seen_alone'],
  },
});
