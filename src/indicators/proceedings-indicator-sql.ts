/**
 * The before-proceedings indicators (docs/indicators.md; issue 27): the FGDM offer before the
 * letter, the FGDM meeting before the application was issued, pre-proceedings ended without
 * issue, and Family Network Plans agreed within pre-proceedings. Their facts are written by
 * `indicator_fact_refresh_proceedings` (migration BeforeProceedingsIndicators1799001000000).
 */
import { AS_OF, IndicatorSql, facts, known } from './fact-sql';

/** Each letter before proceedings sent in the period: did every PR holder of every child have
 * an FGDM offer dated on or before it (or an exemption authorised by then)? */
const LETTERS = `
  SELECT f.case_id, f.on_date, f.item_id, f.flag AS offer_before_letter, f.ref AS covered_by
  ${facts('letter_before_proceedings')} AND f.on_date <= ${AS_OF}`;

/** Each application for care proceedings issued in the period: an FGDM meeting about every
 * child held before the issue day (or an exemption authorised by then)? */
const APPLICATIONS = `
  SELECT f.case_id, f.on_date, f.item_id, f.flag AS meeting_before_issue, f.ref AS covered_by
  ${facts('care_application')} AND f.on_date <= ${AS_OF}`;

/** Each ending of pre-proceedings in the period: stepped down, or an application. */
const PRE_PROCEEDINGS_ENDINGS = `
  SELECT f.case_id, f.on_date, f.item_id, f.flag AS ended_without_issue, f.ref AS outcome
  ${facts('pre_proceedings_ending')} AND f.on_date <= ${AS_OF}`;

/** Each pre-proceedings episode begun in the period, and the first Family Network Plan agreed
 * within it, as known by the as-of date. */
const PRE_PROCEEDINGS_EPISODES = `
  SELECT f.case_id, f.on_date, f.item_id, ${known('outcome_on')} - f.on_date AS days_to_fnp
  ${facts('pre_proceedings_episode')} AND f.on_date <= ${AS_OF}`;

export const PROCEEDINGS_INDICATOR_SQL = {
  fgdm_offer_before_letter: {
    items: LETTERS,
    measures: {
      letters: 'count(*)::int',
      offerBeforeLetter: 'count(*) FILTER (WHERE i.offer_before_letter)::int',
      exempted: `count(*) FILTER (WHERE i.covered_by = 'exemption')::int`,
    },
    values: ['offer_before_letter', 'covered_by'],
  },
  fgdm_meeting_before_issue: {
    items: APPLICATIONS,
    measures: {
      applications: 'count(*)::int',
      meetingBeforeIssue: 'count(*) FILTER (WHERE i.meeting_before_issue)::int',
      exempted: `count(*) FILTER (WHERE i.covered_by = 'exemption')::int`,
    },
    values: ['meeting_before_issue', 'covered_by'],
  },
  pre_proceedings_ended_without_issue: {
    items: PRE_PROCEEDINGS_ENDINGS,
    measures: {
      endings: 'count(*)::int',
      endedWithoutIssue: 'count(*) FILTER (WHERE i.ended_without_issue)::int',
    },
    values: ['ended_without_issue', 'outcome'],
  },
  fnp_within_pre_proceedings: {
    items: PRE_PROCEEDINGS_EPISODES,
    measures: {
      episodes: 'count(*)::int',
      fnpAgreed: 'count(i.days_to_fnp)::int',
      medianDaysToFnp: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY i.days_to_fnp)',
    },
    values: ['days_to_fnp'],
  },
} satisfies Record<string, IndicatorSql>;
