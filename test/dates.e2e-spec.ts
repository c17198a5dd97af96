/**
 * Issue 10, "Dates that inspectors can trust": each example found in the walk-through is now
 * refused (400 naming the field and the date it conflicts with, nothing written) or recorded
 * truthfully. "Today" is TEST_TODAY (Europe/London, fixed for tests).
 */
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import {
  assignEcpp,
  caseFootprint,
  caseInChildProtection,
  closeDb,
  convenedAndOnPlan,
  decide,
  raiseConcern,
  RATIONALE,
  seedCase,
} from './utils/cp.factories';
import { newCase } from './utils/case.factories';

describe('dates: what happened is dated on or before today and never before what it depends on', () => {
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
  const decision = (caseId: string, body: object) =>
    post(`/cases/${caseId}/decisions`, w.ecpp.token, {
      rationale: RATIONALE,
      ...body,
    });
  /** 400 with exactly one field error on `field` whose message names `date`. */
  const refusedOn = (
    res: { status: number; body: { errors?: unknown } },
    field: string,
    date: string,
  ) => {
    expect([res.status, res.body.errors]).toEqual([
      400,
      [{ field, message: expect.stringContaining(date) }],
    ]);
  };

  it('a s47 enquiry dated a month ahead is refused and the case stays in family_help', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const before = await caseFootprint(t, kase.caseId);
    const ahead = await decision(kase.caseId, {
      type: 'start_section_47_enquiry',
      childIds: kase.childIds,
      effectiveDate: '2027-05-30',
    });
    refusedOn(ahead, 'effectiveDate', TEST_TODAY);
    const strategyAhead = await decision(kase.caseId, {
      type: 'start_section_47_enquiry',
      childIds: kase.childIds,
      effectiveDate: TEST_TODAY,
      strategyDiscussionDate: '2027-05-01',
    });
    expect(strategyAhead.status).toBe(400);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
    expect(before.stage).toBe('family_help');
  });

  it('a s47 enquiry is not dated before the concern it follows', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase, w.practitioner, '2026-12-17');
    await assignEcpp(t, w, kase);
    const early = await decision(kase.caseId, {
      type: 'start_section_47_enquiry',
      childIds: kase.childIds,
      effectiveDate: '2026-12-16',
    });
    refusedOn(early, 'effectiveDate', '2026-12-17');
  });

  it('no further action dated before the enquiry it ends is refused', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2026-12-18' });
    const before = await caseFootprint(t, kase.caseId);
    const nfa = await decision(kase.caseId, {
      type: 'no_further_action',
      childIds: kase.childIds,
      effectiveDate: '2026-12-17',
    });
    refusedOn(nfa, 'effectiveDate', '2026-12-18');
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
    const ok = await decide(t, kase, w.ecpp, {
      type: 'no_further_action',
      effectiveDate: '2026-12-18',
    });
    expect(ok.caseStage).toBe('family_help');
  });

  it('a conference may be booked for a future date (scheduled), but a plan is not started before it', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2027-04-20' });
    const beforeStrategy = await decision(kase.caseId, {
      type: 'convene_initial_cp_conference',
      childIds: kase.childIds,
      effectiveDate: '2027-04-21',
      conferenceDate: '2027-04-19',
    });
    refusedOn(beforeStrategy, 'conferenceDate', '2027-04-20');
    await decide(t, kase, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2027-04-21',
      conferenceDate: '2027-05-07',
    });
    const items = (await get(`/cases/${kase.caseId}/timescales`, w.ecpp.token)).body.data;
    expect(items).toContainEqual({
      kind: 'initial_cp_conference',
      dueDate: '2027-05-12', // 15 working days; the early May bank holiday excluded
      status: 'due',
      scheduledFor: '2027-05-07',
    });
    const plan = await decision(kase.caseId, {
      type: 'start_child_protection_plan',
      category: 'NEG',
      childIds: kase.childIds,
      effectiveDate: TEST_TODAY,
    });
    // The conference has not been held (it is booked for 7 May): no outcome to record yet.
    expect([plan.status, plan.body.code]).toEqual([409, 'conference_outcome_required']);
    const held = await post(`/cases/${kase.caseId}/meetings`, w.ecpp.token, {
      kind: 'initial_cp_conference',
      date: '2027-05-07',
    });
    refusedOn(held, 'date', TEST_TODAY);
  });

  it('a visit dated next June is refused and the next visit due date does not move', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2027-03-01' });
    await convenedAndOnPlan(t, kase, w.ecpp, '2027-03-01', '2027-03-19');
    const visits = async () =>
      (await get(`/cases/${kase.caseId}/timescales`, w.ecpp.token)).body.data.filter(
        (i: { kind: string }) => i.kind === 'visit',
      );
    const due = await visits();
    const before = await caseFootprint(t, kase.caseId);
    const june = await post(`/cases/${kase.caseId}/visits`, w.practitioner.token, {
      childId: kase.childIds[0],
      date: '2027-06-15',
      seenAlone: true,
    });
    refusedOn(june, 'date', TEST_TODAY);
    const beforeReferral = await post(`/cases/${kase.caseId}/visits`, w.practitioner.token, {
      childId: kase.childIds[0],
      date: '2026-09-30',
      seenAlone: true,
    });
    refusedOn(beforeReferral, 'date', '2026-10-01');
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
    expect(await visits()).toEqual(due);
    expect(due).toEqual([
      { kind: 'visit', childId: kase.childIds[0], dueDate: '2027-04-06', status: 'overdue' },
    ]);
  });

  it('a core group dated in the future is refused: it never shows its timescale met', async () => {
    const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: '2027-03-01' });
    await convenedAndOnPlan(t, kase, w.ecpp, '2027-03-01', '2027-03-19');
    const future = await post(`/cases/${kase.caseId}/meetings`, w.practitioner.token, {
      kind: 'core_group',
      date: '2027-05-03',
    });
    refusedOn(future, 'date', TEST_TODAY);
    const beforeIcpc = await post(`/cases/${kase.caseId}/meetings`, w.practitioner.token, {
      kind: 'core_group',
      date: '2027-03-18',
    });
    refusedOn(beforeIcpc, 'date', '2027-03-19');
    const items = (await get(`/cases/${kase.caseId}/timescales`, w.ecpp.token)).body.data;
    expect(items.filter((i: { kind: string }) => i.kind === 'core_group')).toEqual([
      { kind: 'core_group', dueDate: '2027-04-06', status: 'overdue' },
    ]);
  });

  it('a concern carries the date it was raised: not in the future, not before the referral', async () => {
    const kase = await seedCase(t, w, { referralDate: '2026-12-01' });
    const summary = 'Bruising seen at nursery';
    const future = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary,
      childIds: kase.childIds,
      raisedOn: '2027-05-01',
    });
    refusedOn(future, 'raisedOn', TEST_TODAY);
    const early = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary,
      childIds: kase.childIds,
      raisedOn: '2026-11-30',
    });
    refusedOn(early, 'raisedOn', '2026-12-01');
    const dated = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary,
      childIds: kase.childIds,
      raisedOn: '2026-12-17',
    });
    expect([dated.status, dated.body.raisedOn]).toEqual([201, '2026-12-17']);
    const today = await post(`/cases/${kase.caseId}/concerns`, w.practitioner.token, {
      summary,
      childIds: kase.childIds,
    });
    expect(today.body.raisedOn).toBe(TEST_TODAY);
    const list = (await get(`/cases/${kase.caseId}/concerns`, w.manager.token)).body.data;
    expect(list.map((c: { raisedOn: string }) => c.raisedOn)).toEqual(['2026-12-17', TEST_TODAY]);
  });

  it('a referral, an assessment and a closure cannot be dated in the future', async () => {
    const future = await newCase(t, w, { referralDate: '2027-05-01' }).catch((e: Error) => e);
    expect(String(future)).toContain('referral.date');
    const kase = await seedCase(t, w);
    const notYet = await post(`/cases/${kase.caseId}/assessments`, w.practitioner.token, {
      childIds: kase.childIds,
      startedOn: '2027-05-01',
    });
    refusedOn(notYet, 'startedOn', TEST_TODAY);
    const started = await post(`/cases/${kase.caseId}/assessments`, w.practitioner.token, {
      childIds: kase.childIds,
      startedOn: '2026-10-02',
    });
    expect(started.status).toBe(201);
    const assessment = await post(
      `/assessments/${started.body.id}/completion`,
      w.practitioner.token,
      {
        completedOn: '2027-05-01',
        outcome: 'family_help_plan',
      },
    );
    refusedOn(assessment, 'completedOn', TEST_TODAY);
    const close = await post(`/cases/${kase.caseId}/close`, w.manager.token, {
      reason: 'RC7',
      closedOn: '2027-05-01',
    });
    refusedOn(close, 'closedOn', TEST_TODAY);
    const early = await post(`/cases/${kase.caseId}/close`, w.manager.token, {
      reason: 'RC7',
      closedOn: '2026-09-01',
    });
    refusedOn(early, 'closedOn', '2026-10-01');
  });
});
