/**
 * Assembles one case's `TimescaleInput` from facts a caller loaded itself (pure): the case
 * responses fetch these inside their one page query. `TimescaleRepository.loadTimescaleInputs`
 * builds the same input from its set-based queries.
 */
import type { CaseHistoryEntry } from 'src/case-history/case-types';
import type {
  FnpReviewInput,
  LetterInput,
  TimescaleInput,
  TimescaleSettings,
} from './timescale-rules';

/** A timeline row that carries a referral (`case_created`, `case_reopened`) or an assessment
 * completion; `earlierReferrals` folds one case's rows, in order. */
export interface ReferralEventRow {
  case_id: string;
  /** `assessment_completed` (the former route's, with the date) or `assessment_authorised` (an
   * authorisation that met the timescale, with the completion date) meet the referral's
   * assessment; other rows start a referral (`referral_added` too). */
  type:
    | 'case_created'
    | 'case_reopened'
    | 'referral_added'
    | 'assessment_completed'
    | 'assessment_authorised';
  day: string;
  referral_date: string | null;
  completed_at: string | null;
}

export type EarlierReferral = { referralDate: string; assessmentCompletedAt: string | null };

/** The referrals before the current one, from one case's referral events in order (pure). */
export function earlierReferrals(rows: readonly ReferralEventRow[]): EarlierReferral[] {
  const list: EarlierReferral[] = [];
  for (const r of rows) {
    if (r.type === 'assessment_completed' || r.type === 'assessment_authorised') {
      // The first completion that met it counts; a completion awaiting authorisation has no date.
      const last = list[list.length - 1];
      if (last && r.completed_at) last.assessmentCompletedAt ??= r.completed_at;
    } else {
      list.push({ referralDate: r.referral_date ?? r.day, assessmentCompletedAt: null });
    }
  }
  return list.slice(0, -1);
}

export interface TimescaleFacts {
  referralDate: string;
  assessmentCompletedAt: string | null;
  history: CaseHistoryEntry[];
  meetings: { kind: string; date: string }[];
  visits: { childId: string; date: string; seenAlone: boolean }[];
  /** The case's `case_created` / `case_reopened` / `assessment_completed` timeline rows, in order. */
  referralEvents: ReferralEventRow[];
  /** The Family Network Plan reviews held and due (`FNP_REVIEW_ITEMS_SQL`). */
  fnpReviews?: FnpReviewInput[];
  /** Letters before proceedings and pre-proceedings review meetings held (`PROCEEDINGS_SQL`). */
  letters?: LetterInput[];
  preProceedingsReviews?: string[];
  settings: TimescaleSettings;
}

export function buildTimescaleInput(f: TimescaleFacts, today: string): TimescaleInput {
  const held = (kind: string) => f.meetings.filter((x) => x.kind === kind).map((x) => x.date);
  return {
    today,
    referralDate: f.referralDate,
    assessmentCompletedAt: f.assessmentCompletedAt,
    earlierReferrals: earlierReferrals(f.referralEvents),
    history: f.history,
    initialConferences: held('initial_cp_conference'),
    reviewConferences: held('review_cp_conference'),
    coreGroups: held('core_group'),
    visits: f.visits.map((v) => ({ childId: v.childId, date: v.date, seenAlone: v.seenAlone })),
    familyNetworkPlanReviews: f.fnpReviews ?? [],
    letters: f.letters ?? [],
    preProceedingsReviews: f.preProceedingsReviews ?? [],
    settings: f.settings,
  };
}

/** A case's letters before proceedings and pre-proceedings review meetings, as JSON arrays for
 * the case matched by `match` (e.g. `= c.id`): the columns `letters` and `reviews`. */
export function proceedingsInputSql(match: string): string {
  return `
    COALESCE((SELECT json_agg(json_build_object('startedOn', l.pre_proceedings_started_on::text,
                                'sentOn', l.sent_on::text) ORDER BY l.sent_on, l.id)
                FROM letter_before_proceedings l WHERE l.case_id ${match}), '[]')`;
}

/** The dates of a case's pre-proceedings review meetings, as a JSON array. */
export function preProceedingsReviewsSql(match: string): string {
  return `
    COALESCE((SELECT json_agg(m.held_on::text ORDER BY m.held_on, m.id)
                FROM pre_proceedings_meeting m
               WHERE m.case_id ${match} AND m.kind = 'review'), '[]')`;
}
