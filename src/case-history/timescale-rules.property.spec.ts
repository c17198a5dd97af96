/**
 * Property-based tests (fast-check) over generated case histories: a referral, a concern, a
 * section 47 enquiry, an initial conference (sometimes late), a plan for one or two children,
 * core groups, reviews and visits at random dates, sometimes a step-down and a closure.
 */
import fc from 'fast-check';
import type { CaseHistoryEntry, DecisionEntry } from 'src/case-history/case-types';
import { TimescaleInput, computeTimescales, timescaleStatus } from './timescale-rules';
import { addDays, compareDates, isWorkingDay } from 'src/common/working-days';

const C1 = 'child-1';
const C2 = 'child-2';
const BASE = '2026-01-01';

interface Generated {
  input: TimescaleInput;
  visits: TimescaleInput['visits'];
  meetings: { kind: 'icpc' | 'review' | 'core'; date: string }[];
}

let seq = 0;
const decision = (type: DecisionEntry['type'], over: Partial<DecisionEntry>): DecisionEntry => ({
  kind: 'decision',
  id: `d-${++seq}`,
  type,
  childIds: [C1, C2],
  effectiveDate: BASE,
  ...over,
});

/** A valid history and its activities, all dated on or before `today`. */
const caseHistories: fc.Arbitrary<Generated> = fc
  .record({
    referral: fc.integer({ min: 0, max: 500 }),
    toConcern: fc.integer({ min: 0, max: 60 }),
    toStrategy: fc.integer({ min: 0, max: 20 }),
    toConference: fc.integer({ min: 0, max: 40 }),
    planned: fc.boolean(),
    twoChildren: fc.boolean(),
    assessment: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    visits: fc.array(
      fc.record({ child: fc.constantFrom(C1, C2), day: fc.integer({ min: 0, max: 300 }) }),
      { maxLength: 15 },
    ),
    meetings: fc.array(
      fc.record({
        kind: fc.constantFrom('icpc' as const, 'review' as const, 'core' as const),
        day: fc.integer({ min: 0, max: 300 }),
      }),
      { maxLength: 12 },
    ),
    stepDown: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    closeAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    todayAfter: fc.integer({ min: 0, max: 400 }),
    coreWeeks: fc.integer({ min: 1, max: 8 }),
    visitDays: fc.integer({ min: 1, max: 20 }),
  })
  .map((g): Generated => {
    const referral = addDays(BASE, g.referral);
    const concern = addDays(referral, g.toConcern);
    const strategy = addDays(concern, g.toStrategy);
    const conference = addDays(strategy, g.toConference);
    const children = g.twoChildren ? [C1, C2] : [C1];
    const history: CaseHistoryEntry[] = [
      { kind: 'concern_raised', id: 'k1', childIds: children, at: concern },
      decision('start_section_47_enquiry', {
        childIds: children,
        effectiveDate: strategy,
        strategyDiscussionDate: strategy,
      }),
      decision('convene_initial_cp_conference', {
        childIds: children,
        effectiveDate: strategy,
        conferenceDate: conference,
      }),
    ];
    let last = conference;
    if (g.planned) {
      history.push(
        decision('start_child_protection_plan', {
          childIds: children,
          category: 'NEG',
          effectiveDate: conference,
        }),
      );
    }
    const after = (day: number) => addDays(conference, day);
    if (g.stepDown !== null) {
      const end = after(g.stepDown);
      history.push(
        g.planned
          ? decision('end_child_protection_plan', { childIds: children, effectiveDate: end })
          : decision('no_further_action', { childIds: children, effectiveDate: end }),
      );
      last = end;
      if (g.closeAfter !== null) {
        last = addDays(end, g.closeAfter);
        history.push({ kind: 'closed', at: last, reason: 'RC7' });
      }
    }
    const visits = g.visits
      .filter((v) => children.includes(v.child))
      .map((v) => ({ childId: v.child, date: after(v.day), seenAlone: true }));
    const meetings = g.meetings.map((m) => ({ kind: m.kind, date: after(m.day) }));
    const dates = [last, ...visits.map((v) => v.date), ...meetings.map((m) => m.date)];
    const latest = dates.sort(compareDates)[dates.length - 1];
    const held = (kind: string) => meetings.filter((m) => m.kind === kind).map((m) => m.date);
    const input: TimescaleInput = {
      today: addDays(latest, g.todayAfter),
      referralDate: referral,
      assessmentCompletedAt: g.assessment === null ? null : addDays(referral, g.assessment),
      history,
      initialConferences: held('icpc'),
      reviewConferences: held('review'),
      coreGroups: held('core'),
      visits,
      familyNetworkPlanReviews: [],
      settings: { coreGroupIntervalWeeks: g.coreWeeks, visitIntervalWorkingDays: g.visitDays },
    };
    return { input, visits, meetings };
  });

/** The same input with its activities in another order. */
function reordered(input: TimescaleInput, order: number[]): TimescaleInput {
  const permute = <T>(xs: readonly T[]) =>
    xs
      .map((x, i) => ({ x, k: order[i % order.length] ?? 0 }))
      .sort((a, b) => a.k - b.k)
      .map((e) => e.x);
  return {
    ...input,
    visits: permute(input.visits),
    initialConferences: permute(input.initialConferences ?? []),
    reviewConferences: permute(input.reviewConferences),
    coreGroups: permute(input.coreGroups),
  };
}

const RUNS = { numRuns: 300 };

describe('timescales over generated case histories (fast-check)', () => {
  it('no timescale is met after its due date: late work is met_late with the days late', () => {
    fc.assert(
      fc.property(caseHistories, ({ input }) => {
        for (const t of computeTimescales(input)) {
          expect(t.status).toBe(timescaleStatus(t.dueDate, input.today, t.metAt));
          if (t.status === 'met')
            expect(compareDates(t.metAt as string, t.dueDate)).toBeLessThanOrEqual(0);
          if (t.metAt && compareDates(t.metAt, t.dueDate) > 0) {
            expect(t.status).toBe('met_late');
            expect(t.daysLate).toBeGreaterThan(0);
            expect(addDays(t.dueDate, t.daysLate as number)).toBe(t.metAt);
          }
          if (t.status === 'overdue')
            expect(compareDates(input.today, t.dueDate)).toBeGreaterThan(0);
          if (t.status === 'due')
            expect(compareDates(input.today, t.dueDate)).toBeLessThanOrEqual(0);
          // nothing after today counts as held
          if (t.metAt) expect(compareDates(t.metAt, input.today)).toBeLessThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('no due date is a weekend or bank holiday (week and month rules move back)', () => {
    fc.assert(
      fc.property(caseHistories, ({ input }) => {
        for (const t of computeTimescales(input)) {
          expect([t.kind, t.dueDate, isWorkingDay(t.dueDate)]).toEqual([t.kind, t.dueDate, true]);
        }
      }),
      RUNS,
    );
  });

  it('whatever order meetings and visits arrive in, the timescales are the same', () => {
    fc.assert(
      fc.property(
        caseHistories,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }),
        ({ input }, order) => {
          expect(computeTimescales(reordered(input, order))).toEqual(computeTimescales(input));
        },
      ),
      RUNS,
    );
  });

  it('replaying the stored history gives the same statuses', () => {
    fc.assert(
      fc.property(caseHistories, ({ input }) => {
        const stored = JSON.parse(JSON.stringify(input)) as TimescaleInput;
        expect(computeTimescales(stored)).toEqual(computeTimescales(input));
      }),
      RUNS,
    );
  });

  it('an ended episode keeps its items: closing the case never removes a CP item', () => {
    fc.assert(
      fc.property(caseHistories, ({ input }) => {
        const last = input.history[input.history.length - 1];
        if (last.kind !== 'closed') return;
        const open = computeTimescales({ ...input, history: input.history.slice(0, -1) });
        const closed = computeTimescales(input);
        const cp = (t: { kind: string }) => t.kind !== 'assessment';
        expect(closed.filter(cp)).toEqual(open.filter(cp));
      }),
      RUNS,
    );
  });
});
