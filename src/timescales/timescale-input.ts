/**
 * Assembles one case's `TimescaleInput` from its loaded facts (pure). Shared by the batch
 * loader (`loadTimescaleInputs`) and the case responses, which fetch the same facts inside
 * their one page query.
 */
import { replay } from 'src/case-history/case-state';
import type { CaseHistoryEntry, CaseState } from 'src/case-history/case-types';
import { compareDates } from './working-days';
import type { TimescaleInput, TimescaleSettings } from './timescale-rules';

export interface TimescaleFacts {
  referralDate: string;
  assessmentCompletedAt: string | null;
  history: CaseHistoryEntry[];
  meetings: { kind: string; date: string }[];
  visits: { childId: string; date: string; seenAlone: boolean }[];
  settings: TimescaleSettings;
}

/** The initial conference held for the current enquiry: the first one on or after its strategy discussion. */
function icpcHeld(state: CaseState, dates: string[]): string | null {
  const from = state.s47.strategyDiscussionDate;
  if (!from) return null;
  const held = dates.filter((d) => compareDates(d, from) >= 0).sort(compareDates);
  return held[0] ?? null;
}

export function buildTimescaleInput(f: TimescaleFacts, today: string): TimescaleInput {
  const state = replay(f.history);
  const held = (kind: string) => f.meetings.filter((x) => x.kind === kind).map((x) => x.date);
  return {
    today,
    referralDate: f.referralDate,
    assessmentCompletedAt: f.assessmentCompletedAt,
    state,
    icpcHeldAt: icpcHeld(state, held('initial_cp_conference')),
    reviewConferences: held('review_cp_conference'),
    coreGroups: held('core_group'),
    visits: f.visits.map((v) => ({ childId: v.childId, date: v.date, seenAlone: v.seenAlone })),
    familyNetworkPlanReviews: [],
    settings: f.settings,
  };
}
