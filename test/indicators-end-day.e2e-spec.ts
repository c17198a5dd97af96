/**
 * A recurring timescale (visit, core group) that falls due on the very day its plan ended and
 * was not met is missed history in the indicators, as in the case's own timescales
 * (docs/co-working.md, "Ended episodes stay listed"); one that would have fallen due the day
 * after the end was no longer required, in both.
 */
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import {
  caseInChildProtection,
  closeDb,
  convenedAndOnPlan,
  reviewedAndEnded,
  SeededCase,
} from './utils/cp.factories';

describe('indicators: a recurring item due on the day its plan ended', () => {
  let t: TestApp;
  let w: World;
  // Plan from Tue 12 January 2027 (the initial conference): the first visit and the first core
  // group are due 10 working days later, Tue 26 January.
  const due = '2027-01-26';
  const asOf = '2027-02-01';
  let endedThatDay: SeededCase;
  let endedTheDayBefore: SeededCase;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const planEndedOn = async (end: string) => {
      const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
      await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
      await reviewedAndEnded(t, w, kase, end);
      return kase;
    };
    endedThatDay = await planEndedOn(due);
    endedTheDayBefore = await planEndedOn('2027-01-25');
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const drillDown = async (kind: string, token: string) => {
    const res = await t
      .req()
      .get(`${API}/indicators/timescale_${kind}/cases?from=2027-01-01&to=${asOf}&limit=100`)
      .set(bearer(token))
      .expect(200);
    return res.body.data as { caseId: string; date: string; values: { status: string } }[];
  };
  const own = async (kase: SeededCase, kind: string) => {
    const res = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timescales?asOf=${asOf}`)
      .set(bearer(w.cpManager.token))
      .expect(200);
    return (res.body.data as { kind: string; dueDate: string; status: string }[])
      .filter((i) => i.kind === kind)
      .map((i) => ({ date: i.dueDate, status: i.status }));
  };

  it.each(['visit', 'core_group'])(
    'cpManager: the %s due on the step-down day and not met is overdue in the drill-down, as in the case timescales',
    async (kind) => {
      const rows = await drillDown(kind, w.cpManager.token);
      const of = (k: SeededCase) =>
        rows.filter((r) => r.caseId === k.caseId).map((r) => ({ date: r.date, ...r.values }));
      expect(of(endedThatDay)).toEqual([{ date: due, status: 'overdue', daysLate: null }]);
      expect(await own(endedThatDay, kind)).toEqual([{ date: due, status: 'overdue' }]);
      // Ended the day before it fell due: no longer required, in neither engine.
      expect(of(endedTheDayBefore)).toEqual([]);
      expect(await own(endedTheDayBefore, kind)).toEqual([]);
    },
  );

  it('auditor: the monthly visit indicator counts the missed visit of the plan ended that day', async () => {
    const res = await t
      .req()
      .get(`${API}/indicators?from=2027-01-01&to=${asOf}`)
      .set(bearer(w.auditor.token))
      .expect(200);
    expect(res.body.indicators.timescale_visit.total).toMatchObject({ items: 1, overdue: 1 });
  });
});
