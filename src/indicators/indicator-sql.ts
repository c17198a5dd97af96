/**
 * Every practice indicator as set-based SQL (definitions in words: docs/indicators.md). Each
 * indicator is an `items` query — one row per counted thing (a timescale item, a concern, a
 * plan per child, a decision request, a visit …) with its case, the date it is counted on
 * (`on_date`, which picks its month) and its own values — and a list of measures aggregated
 * over those rows. The same `items` feed the aggregates (every case of the scope, restricted
 * ones included) and the drill-down list (filtered by the access gate's case rule).
 *
 * The items are read from `indicator_fact`, the maintained facts (one row per counted thing,
 * written by database triggers in the same transaction as each change to the case history:
 * migration IndicatorFacts1796110000000, where the definitions of the stored dates live —
 * superseded decisions never count there). Here only the period, the team scope and the as-of
 * date apply: a stored date (an assessment completed, a plan started, a request answered …)
 * counts only when it is on or before the as-of date.
 *
 * Parameters: $1 local authority, $2 from, $3 to, $4 as-of date (statuses and answers are
 * counted as known on that day), then the team scope's own. `{{TEAM}}` is the team scope over
 * indicator_fact `f`.
 */

import { AS_OF, FROM, TO, IndicatorSql, facts, known } from './fact-sql';
import { PROCEEDINGS_INDICATOR_SQL } from './proceedings-indicator-sql';

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
  'timescale_family_network_plan_review',
  'timescale_care_proceedings',
  'timescale_pre_proceedings',
  'timescale_pre_proceedings_review',
  'timescale_review_cp_conference',
  'timescale_core_group',
  'timescale_visit',
  'family_network_plans_agreed',
  'fgdm_offer_before_letter',
  'fgdm_meeting_before_issue',
  'pre_proceedings_ended_without_issue',
  'fnp_within_pre_proceedings',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

const TIMESCALE_MEASURES = {
  items: 'count(*)::int',
  met: `count(*) FILTER (WHERE i.status = 'met')::int`,
  metLate: `count(*) FILTER (WHERE i.status = 'met_late')::int`,
  overdue: `count(*) FILTER (WHERE i.status = 'overdue')::int`,
  due: `count(*) FILTER (WHERE i.status = 'due')::int`,
  medianDaysLate: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_late)',
};

/** The recurring kinds: one not met that fell due on the very day its period ended (a
 * step-down, the end of the enquiry) stays listed as missed (docs/co-working.md, as `series` in
 * src/case-history/timescale-items.ts); their chain (`indicator_series_chain`) already leaves
 * out the items due after the end. */
const RECURRING = ['review_cp_conference', 'core_group', 'visit'];

/** A timescale item (`on_date` = its due date): met on the first date it is known to have been
 * met by the as-of date; counted unless its episode ended before the due date (a recurring
 * kind), or on or before it (every other kind), without it being met. */
const timescale = (kind: string) => `
  SELECT f.case_id, f.on_date, f.item_id,
         CASE WHEN h.held IS NOT NULL
              THEN CASE WHEN h.held > f.on_date THEN 'met_late' ELSE 'met' END
              WHEN ${AS_OF} > f.on_date THEN 'overdue' ELSE 'due' END AS status,
         CASE WHEN h.held > f.on_date THEN h.held - f.on_date END AS days_late
    FROM indicator_fact f
   CROSS JOIN LATERAL (SELECT least(
           CASE WHEN f.met_known_on <= ${AS_OF} THEN f.met_on END,
           CASE WHEN f.alt_known_on <= ${AS_OF} THEN f.alt_met_on END) AS held) h
   WHERE f.local_authority_id = $1 AND f.indicator = 'timescale_${kind}' AND {{TEAM}}
     AND f.on_date BETWEEN ${FROM} AND ${TO}
     AND (h.held IS NOT NULL OR f.ended_on IS NULL
          OR f.ended_on ${RECURRING.includes(kind) ? '>=' : '>'} f.on_date)`;

/** A timescale-compliance indicator: one kind's items, the same measures for every kind. */
const timescaleIndicator = (kind: string) => ({
  items: timescale(kind),
  measures: TIMESCALE_MEASURES,
  values: ['status', 'days_late'],
});

/** Each concern of significant harm raised in the period, with what followed it. */
const CONCERNS = `
  SELECT f.case_id, f.on_date, f.item_id,
         CASE WHEN f.ecpp_on <= ${AS_OF} THEN greatest(0, f.ecpp_on - f.on_date) END AS days_to_ecpp,
         ${known('decided_on')} - f.on_date AS days_to_decision,
         ${known('s47_on')} IS NOT NULL AS s47,
         ${known('icpc_on')} IS NOT NULL AS icpc,
         ${known('cp_plan_on')} IS NOT NULL AS cp_plan
  ${facts('concern')}`;

/** Each child's CP plan started in the period, and whether it is a repeat. */
const PLANS = `
  SELECT f.case_id, f.on_date, f.item_id, f.flag AS repeat
  ${facts('cp_plan_child')} AND ${AS_OF} IS NOT NULL`;

/** Each step-down in the period; re-escalated once known by the as-of date. */
const STEP_DOWNS = `
  SELECT f.case_id, f.on_date, f.item_id, ${known('outcome_on')} IS NOT NULL AS re_escalated
  ${facts('step_down')}`;

/** Each CP episode started in the period; lead changed once known by the as-of date. */
const LEAD_CHANGES = `
  SELECT f.case_id, f.on_date, f.item_id, ${known('outcome_on')} IS NOT NULL AS lead_changed
  ${facts('cp_episode')}`;

/** Each decision request made in the period, answered by the as-of date or not. */
const REQUESTS = `
  SELECT f.case_id, f.on_date, f.item_id, ${known('outcome_on')} - f.on_date AS days_to_answer
  ${facts('decision_request')}`;

/** Each challenge to a decision recorded in the period. */
const CHALLENGES = `
  SELECT f.case_id, f.on_date, f.item_id, f.ref_id AS decision_id, f.ref AS decision_type
  ${facts('challenge')} AND f.on_date <= ${AS_OF}`;

/** Each visit to a child recorded in the period, and whether the child was seen alone. */
const VISITS = `
  SELECT f.case_id, f.on_date, f.item_id, f.flag AS seen_alone,
         f.ref_id COLLATE "C" AS child_id
  ${facts('visit')} AND f.on_date <= ${AS_OF}`;

/** Each Family Network Plan first agreed in the period, and the days since the case's latest
 * FGDM meeting held on or before that day. */
const FNP_AGREED = `
  SELECT f.case_id, f.on_date, f.item_id, f.on_date - f.since_on AS days_from_fgdm
  ${facts('fnp_agreed')} AND f.on_date <= ${AS_OF}`;

export const INDICATOR_SQL: Readonly<Record<IndicatorKey, IndicatorSql>> = Object.freeze({
  timescale_assessment: timescaleIndicator('assessment'),
  timescale_initial_cp_conference: timescaleIndicator('initial_cp_conference'),
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
  timescale_family_network_plan_review: timescaleIndicator('family_network_plan_review'),
  timescale_care_proceedings: timescaleIndicator('care_proceedings'),
  timescale_pre_proceedings: timescaleIndicator('pre_proceedings'),
  timescale_pre_proceedings_review: timescaleIndicator('pre_proceedings_review'),
  timescale_review_cp_conference: timescaleIndicator('review_cp_conference'),
  timescale_core_group: timescaleIndicator('core_group'),
  timescale_visit: timescaleIndicator('visit'),
  family_network_plans_agreed: {
    items: FNP_AGREED,
    measures: {
      agreed: 'count(*)::int',
      afterFgdm: 'count(i.days_from_fgdm)::int',
      medianDaysFromFgdm: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_from_fgdm)',
    },
    values: ['days_from_fgdm'],
  },
  ...PROCEEDINGS_INDICATOR_SQL,
});

/** The indicators grouped by their items (the same query), each group aggregated in one pass. */
export const INDICATOR_GROUPS: readonly (readonly IndicatorKey[])[] = (() => {
  const groups = new Map<string, IndicatorKey[]>();
  for (const key of INDICATOR_KEYS) {
    const items = INDICATOR_SQL[key].items;
    groups.set(items, [...(groups.get(items) ?? []), key]);
  }
  return [...groups.values()];
})();
