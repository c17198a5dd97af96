/**
 * Issue 10, "timescale statuses that inspectors can trust": late work is met_late (never plain
 * met), an ended episode's items stay listed after step-down, closure and reopening, week-based
 * due dates move off bank holidays, a CP plan comes from a conference (and a mistaken end can be
 * corrected), one open case per child, and the timeline says which decision closed a concern.
 */
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import {
  caseFootprint,
  caseInChildProtection,
  closeDb,
  closeWithAuthority,
  reviewedAndEnded,
  convenedAndOnPlan,
  decide,
  RATIONALE,
} from './utils/cp.factories';
import { newCase, newFamily, sql } from './utils/case.factories';

interface Item {
  kind: string;
  dueDate: string;
  status: string;
  metAt?: string;
  daysLate?: number;
  endedOn?: string;
  childId?: string;
}

describe('timescale statuses and case history', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, token: string, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(token)).send(body);
  const get = (path: string, token: string) => t.req().get(`${API}${path}`).set(bearer(token));
  const timescales = async (caseId: string, asOf = TEST_TODAY): Promise<Item[]> => {
    const res = await get(`/cases/${caseId}/timescales?asOf=${asOf}`, w.cpManager.token);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data']);
    return res.body.data;
  };
  const ofKind = (items: Item[], kind: string) => items.filter((i) => i.kind === kind);

  it('an ICPC held 13 days late is met_late with daysLate, not met', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    await post(`/cases/${kase.caseId}/meetings`, w.ecpp.token, {
      kind: 'initial_cp_conference',
      date: '2027-01-26',
    }).expect(201);
    expect(ofKind(await timescales(kase.caseId), 'initial_cp_conference')).toEqual([
      {
        kind: 'initial_cp_conference',
        dueDate: '2027-01-13',
        status: 'met_late',
        metAt: '2027-01-26',
        daysLate: 13,
      },
    ]);
  });

  it('a CP plan needs a convened conference (409, nothing written)', async () => {
    const kase = await caseInChildProtection(t, w);
    const before = await caseFootprint(t, kase.caseId);
    const plan = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_child_protection_plan',
      category: 'NEG',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect([plan.status, plan.body.code]).toEqual([409, 'no_conference_convened']);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it('a plan ended by mistake is corrected by superseding the end; the plan continues', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    const plan = await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
    const end = await reviewedAndEnded(t, w, kase, '2027-02-01');
    expect(end.caseStage).toBe('family_help');
    const fix = await decide(t, kase, w.ecpp, {
      type: 'start_child_protection_plan',
      category: 'NEG',
      effectiveDate: '2027-02-02',
      supersedesId: end.id,
    });
    expect(fix.caseStage).toBe('child_protection');
    const items = await timescales(kase.caseId);
    // one continuous plan from 12 January: nothing of it is marked ended
    expect(items.filter((i) => i.endedOn)).toEqual([]);
    // The review conference that (wrongly) ended it was held: it meets the first review; the
    // next falls due six months later.
    expect(ofKind(items, 'review_cp_conference')).toEqual([
      { kind: 'review_cp_conference', dueDate: '2027-04-12', status: 'met', metAt: '2027-02-01' },
      { kind: 'review_cp_conference', dueDate: '2027-07-30', status: 'due' },
    ]);
    const concerns = (await get(`/cases/${kase.caseId}/concerns`, w.practitioner.token)).body.data;
    expect(concerns.map((c: { status: string }) => c.status)).toEqual(['open']);
    const decisions = (await get(`/cases/${kase.caseId}/decisions`, w.practitioner.token)).body;
    const byId = Object.fromEntries(decisions.data.map((d: { id: string }) => [d.id, d]));
    expect(byId[end.id].supersededById).toBe(fix.id);
    expect(byId[plan.id].supersededById).toBeNull();
  });

  it('the next core group due on Christmas Day 2026 falls due on Thursday 24 December', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-10-20' });
    await convenedAndOnPlan(t, kase, w.ecpp, '2026-10-20', '2026-11-05');
    await post(`/cases/${kase.caseId}/meetings`, w.practitioner.token, {
      kind: 'core_group',
      date: '2026-11-27',
    }).expect(201);
    expect(ofKind(await timescales(kase.caseId, '2026-12-01'), 'core_group')).toEqual([
      {
        kind: 'core_group',
        dueDate: '2026-11-19',
        status: 'met_late',
        metAt: '2026-11-27',
        daysLate: 8,
      },
      { kind: 'core_group', dueDate: '2026-12-24', status: 'due' },
    ]);
  });

  it('after step-down, closure and reopening the episode items stay listed with their statuses', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
    await post(`/cases/${kase.caseId}/visits`, w.practitioner.token, {
      childId: kase.childIds[0],
      date: '2027-01-20',
      seenAlone: true,
    }).expect(201);
    await reviewedAndEnded(t, w, kase, '2027-02-15');
    const ended = { endedOn: '2027-02-15' };
    const afterStepDown = await timescales(kase.caseId);
    expect(afterStepDown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'initial_cp_conference', status: 'met', ...ended }),
        {
          kind: 'visit',
          childId: kase.childIds[0],
          dueDate: '2027-01-26',
          status: 'met',
          metAt: '2027-01-20',
          ...ended,
        },
        // missed before the step-down: stays visible as overdue
        {
          kind: 'visit',
          childId: kase.childIds[0],
          dueDate: '2027-02-03',
          status: 'overdue',
          ...ended,
        },
        { kind: 'core_group', dueDate: '2027-01-26', status: 'overdue', ...ended },
      ]),
    );
    // ended items are history, not work to chase
    const overdue = await get(
      `/timescales/overdue?asOf=${TEST_TODAY}&limit=200`,
      w.cpManager.token,
    );
    const mine = overdue.body.data.filter((i: { caseId: string }) => i.caseId === kase.caseId);
    expect(mine.map((i: Item) => i.kind)).toEqual(['assessment']); // the referral's, still open

    await closeWithAuthority(t, w, kase.caseId, { reason: 'RC7', closedOn: '2027-03-01' });
    await post(`/cases/${kase.caseId}/reopen`, w.practitioner.token, {
      reason: 'School referral',
      referral: { date: '2027-04-01', source: '3A' },
    }).expect(200);
    const reopened = await timescales(kase.caseId);
    for (const item of afterStepDown.filter((i) => i.kind !== 'assessment')) {
      expect(reopened).toContainEqual(item);
    }
    expect(ofKind(reopened, 'assessment')).toEqual([
      // the first referral (1 October 2026) was overdue when the case closed
      { kind: 'assessment', dueDate: '2026-12-03', status: 'overdue', endedOn: '2027-03-01' },
      { kind: 'assessment', dueDate: '2027-06-07', status: 'due' },
    ]);
    const timeline = (await get(`/cases/${kase.caseId}/timeline?limit=200`, w.manager.token)).body;
    const types = timeline.data.map((e: { type: string }) => e.type);
    expect(types.slice(-2)).toEqual(['case_closed', 'case_reopened']);
  });

  it('the timeline says which decision closed a concern, with effective dates; decisions list in effect order', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    const nfa = await decide(t, kase, w.ecpp, {
      type: 'no_further_action',
      effectiveDate: '2026-12-22',
    });
    const timeline = (await get(`/cases/${kase.caseId}/timeline?limit=200`, w.manager.token)).body;
    const closed = timeline.data.filter((e: { type: string }) => e.type === 'concern_closed');
    expect(closed).toEqual([
      expect.objectContaining({
        summary: expect.stringContaining('effective 2026-12-22'),
        data: expect.objectContaining({ decisionId: nfa.id, effectiveDate: '2026-12-22' }),
      }),
    ]);
    const recorded = timeline.data.filter((e: { type: string }) => e.type === 'decision_recorded');
    expect(recorded.map((e: { summary: string }) => e.summary)).toEqual([
      expect.stringContaining('effective 2026-12-18'),
      expect.stringContaining('effective 2026-12-22'),
    ]);

    // a backdated decision recorded later: order=effective puts it where it took effect
    const kase2 = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    await decide(t, kase2, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2027-01-05',
      conferenceDate: '2027-01-12',
    });
    const corrected = await decide(t, kase2, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-16',
      strategyDiscussionDate: '2026-12-16',
      supersedesId: (await get(`/cases/${kase2.caseId}/decisions`, w.ecpp.token)).body.data[0].id,
    });
    const recordedOrder = (await get(`/cases/${kase2.caseId}/decisions`, w.ecpp.token)).body.data;
    const effectiveOrder = (
      await get(`/cases/${kase2.caseId}/decisions?order=effective`, w.ecpp.token)
    ).body.data;
    expect(recordedOrder.map((d: { effectiveDate: string }) => d.effectiveDate)).toEqual([
      '2026-12-18',
      '2027-01-05',
      '2026-12-16',
    ]);
    expect(effectiveOrder.map((d: { id: string }) => d.id)[0]).toBe(corrected.id);
    expect(effectiveOrder.map((d: { effectiveDate: string }) => d.effectiveDate)).toEqual([
      '2026-12-16',
      '2026-12-18',
      '2027-01-05',
    ]);
    expect(
      (await get(`/cases/${kase2.caseId}/decisions?order=sideways`, w.ecpp.token)).status,
    ).toBe(400);
  });

  it('one open case per child in an LA: 409 naming the open case, also when reopening', async () => {
    const family = await newFamily(t, w.practitioner, { children: 2 });
    const first = await newCase(t, w, { family });
    const body = {
      familyId: family.id,
      teamId: w.fhTeam.id,
      leadPractitionerId: w.practitioner.id,
      childIds: [family.childIds[1]],
      referral: { date: '2027-01-04', source: '2A' },
    };
    const second = await post('/cases', w.practitioner.token, body);
    expect([second.status, second.body.code, second.body.openCaseId]).toEqual([
      409,
      'child_has_open_case',
      first.id,
    ]);
    expect(second.body.detail).toContain(first.id);
    const cases = await sql(t, `SELECT id FROM case_record WHERE family_id = $1`, [family.id]);
    expect(cases).toEqual([{ id: first.id }]);

    await post(`/cases/${first.id}/close`, w.manager.token, {
      reason: 'RC8',
      closedOn: TEST_TODAY,
    }).expect(200);
    const fresh = await post('/cases', w.practitioner.token, body);
    expect(fresh.status).toBe(201);
    const reopen = await post(`/cases/${first.id}/reopen`, w.practitioner.token, {
      reason: 'New referral',
      referral: { date: TEST_TODAY, source: '2A' },
    });
    expect([reopen.status, reopen.body.openCaseId]).toEqual([409, fresh.body.id]);
  });

  it('two concurrent openings for the same child: exactly one case is opened', async () => {
    const family = await newFamily(t, w.practitioner);
    const body = {
      familyId: family.id,
      teamId: w.fhTeam.id,
      leadPractitionerId: w.practitioner.id,
      childIds: family.childIds,
      referral: { date: '2027-01-04', source: '2A' },
    };
    const results = await Promise.all(
      Array.from({ length: 4 }, () => post('/cases', w.practitioner.token, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const opened = results.find((r) => r.status === 201)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.openCaseId).toBe(opened);
    }
    const rows = await sql(t, `SELECT id FROM case_record WHERE family_id = $1`, [family.id]);
    expect(rows).toEqual([{ id: opened }]);
  });
});
