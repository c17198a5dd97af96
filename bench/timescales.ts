/**
 * Micro-benchmark of the pure timescale computation (`computeTimescales`): the CPU cost per case
 * that the overdue list pays for every case it examines (up to 2,000 per request). Prints µs per
 * case for a child-protection case with two children on a plan, 20 visits, core groups and a
 * review, cold (first computation of each date) and warm.
 */
import type { CaseHistoryEntry, DecisionEntry } from 'src/case-history/case-types';
import { TimescaleInput, computeTimescales } from 'src/case-history/timescale-rules';
import { addDays } from 'src/common/working-days';

const children = ['child-a', 'child-b'];
const decision = (id: string, over: Partial<DecisionEntry>): DecisionEntry => ({
  kind: 'decision',
  id,
  type: 'start_section_47_enquiry',
  childIds: children,
  effectiveDate: '2026-12-18',
  ...over,
});

/** One case's input, its dates shifted by `shift` days so that each case is a cold start. */
function caseInput(shift: number): TimescaleInput {
  const d = (date: string) => addDays(date, shift);
  const history: CaseHistoryEntry[] = [
    { kind: 'concern_raised', id: 'k', childIds: children, at: d('2026-12-17') },
    decision('s47', { effectiveDate: d('2026-12-18'), strategyDiscussionDate: d('2026-12-18') }),
    decision('icpc', {
      type: 'convene_initial_cp_conference',
      effectiveDate: d('2026-12-18'),
      conferenceDate: d('2027-01-12'),
    }),
    decision('plan', {
      type: 'start_child_protection_plan',
      category: 'NEG',
      effectiveDate: d('2027-01-12'),
    }),
  ];
  return {
    today: d('2027-06-30'),
    referralDate: d('2026-12-01'),
    assessmentCompletedAt: null,
    history,
    initialConferences: [],
    reviewConferences: [d('2027-04-08')],
    coreGroups: [d('2027-01-25'), d('2027-02-20'), d('2027-03-20')],
    visits: Array.from({ length: 20 }, (_, i) => ({
      childId: children[i % 2],
      date: d(addDays('2027-01-15', i * 7)),
      seenAlone: true,
    })),
    familyNetworkPlanReviews: [],
    settings: { coreGroupIntervalWeeks: 4, visitIntervalWorkingDays: 10 },
  };
}

function measure(label: string, inputs: TimescaleInput[]): void {
  const start = process.hrtime.bigint();
  let items = 0;
  for (const input of inputs) items += computeTimescales(input).length;
  const us = Number(process.hrtime.bigint() - start) / 1000 / inputs.length;
  console.log(`${label}: ${us.toFixed(0)} µs per case (${items / inputs.length} items per case)`);
}

const n = 2000;
measure(
  'cold (every case on new dates)',
  Array.from({ length: n }, (_, i) => caseInput(i)),
);
measure(
  'warm (same dates again)',
  Array.from({ length: n }, (_, i) => caseInput(i)),
);
