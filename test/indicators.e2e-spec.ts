/**
 * Practice indicators on a case history with known answers (seeded straight into the tables the
 * indicators read, with explicit dates), per role, with tenancy, team filters and restricted
 * cases. Period: January–March 2027 (statuses as known on 31 March 2027).
 */
import { Client } from 'pg';
import { addDays, addWorkingDays } from 'src/common/working-days';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { closeDb, db, RATIONALE, seedCase, SeededCase } from './utils/cp.factories';

const PERIOD = 'from=2027-01-01&to=2027-03-31';

describe('practice indicators (GET /indicators)', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let c: Client;
  const k: Record<string, SeededCase> = {};
  let icpcDueF: string;

  async function decision(
    kase: SeededCase,
    world: World,
    type: string,
    effective: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const cols = ['case_id', 'local_authority_id', 'type', 'rationale', 'child_ids'];
    const vals: unknown[] = [kase.caseId, world.la.id, type, RATIONALE, kase.childIds];
    cols.push('effective_date', 'decided_by_id');
    vals.push(effective, world.ecpp.id);
    for (const [col, v] of Object.entries(extra)) {
      cols.push(col);
      vals.push(v);
    }
    const r = await c.query(
      `INSERT INTO decision (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      vals,
    );
    return r.rows[0].id as string;
  }
  const concern = (kase: SeededCase, world: World, on: string) =>
    c.query(
      `INSERT INTO case_concern (case_id, local_authority_id, raised_by_id, child_ids, summary,
                                 raised_at, raised_on)
       VALUES ($1, $2, $3, $4, 'Bruising seen at nursery', ($5::date + time '10:00') AT TIME ZONE 'Europe/London', $5)`,
      [kase.caseId, world.la.id, world.practitioner.id, kase.childIds, on],
    );
  const visit = (kase: SeededCase, world: World, on: string, alone: boolean) =>
    c.query(
      `INSERT INTO case_visit (case_id, local_authority_id, child_id, visited_on, seen_alone, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [kase.caseId, world.la.id, kase.childIds[0], on, alone, world.practitioner.id],
    );
  const leadChange = (kase: SeededCase, world: World, on: string) =>
    c.query(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary, at)
       VALUES ($1, $2, 'lead_practitioner_changed', $3, 'user', 'Lead practitioner reassigned',
               ($4::date + time '12:00') AT TIME ZONE 'Europe/London')`,
      [kase.caseId, world.la.id, world.manager.id, on],
    );

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = await Promise.all([newWorld(t), newWorld(t)]);
    c = await db(t);

    // Assessments due in the period: met_late by 3, met, overdue, met_late by 1.
    for (const [name, referral] of [
      ['A', '2026-11-20'],
      ['B', '2026-12-01'],
      ['C', '2026-12-10'],
      ['E', '2026-12-15'],
    ] as const) {
      k[name] = await seedCase(t, w, { referralDate: referral });
    }
    const done = { A: 3, B: -2, E: 1 } as const;
    for (const [name, late] of Object.entries(done)) {
      const due = addWorkingDays(k[name].referralDate, 45);
      await c.query(`UPDATE case_record SET assessment_completed_at = $2 WHERE id = $1`, [
        k[name].caseId,
        addDays(due, late),
      ]);
    }
    // Cases whose assessments fall outside the period.
    for (const name of ['F', 'H', 'I', 'J', 'K']) {
      k[name] = await seedCase(t, w, { referralDate: '2026-06-01', restricted: name === 'I' });
    }

    // F: concern 4 Jan, ECPP 6 Jan, s47 8 Jan (strategy 7 Jan) answering a request of 7 Jan
    // recorded 9 Jan, ICPC held 2 working days late, plan started then: a repeat plan (the
    // child's previous plan ended 1 June 2025). Visits: 2 of 3 seen alone.
    const F = k.F;
    await concern(F, w, '2027-01-04');
    await c.query(
      `INSERT INTO case_co_worker (case_id, user_id, assigned_by_id, assigned_at, assigned_on)
       VALUES ($1, $2, $3, '2027-01-06 10:00+00', '2027-01-06')`,
      [F.caseId, w.ecpp.id, w.cpManager.id],
    );
    const req = await c.query(
      `INSERT INTO decision_request (case_id, local_authority_id, type, view, requested_by_id, requested_at)
       VALUES ($1, $2, 'start_section_47_enquiry', 'Threshold met', $3, '2027-01-07 10:00+00') RETURNING id`,
      [F.caseId, w.la.id, w.practitioner.id],
    );
    await decision(F, w, 'end_child_protection_plan', '2025-06-01');
    await decision(F, w, 'start_section_47_enquiry', '2027-01-08', {
      strategy_discussion_date: '2027-01-07',
      request_id: req.rows[0].id,
      created_at: '2027-01-09 15:00+00',
    });
    icpcDueF = addWorkingDays('2027-01-07', 15);
    const held = addDays(icpcDueF, 2);
    await decision(F, w, 'convene_initial_cp_conference', '2027-01-08', {
      conference_date: held,
    });
    await c.query(
      `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, recorded_by_id)
       VALUES ($1, $2, 'initial_cp_conference', $3, $4)`,
      [F.caseId, w.la.id, held, w.ecpp.id],
    );
    await decision(F, w, 'start_child_protection_plan', held, { category: 'NEG' });
    await leadChange(F, w, '2027-01-02'); // before the enquiry: not in the CP episode
    await visit(F, w, '2027-01-20', true);
    await visit(F, w, '2027-02-03', false);
    await visit(F, w, '2027-02-17', true);

    // H: concern 1 Feb, no ECPP, no further action 11 Feb (challenged 12 Feb); a request of
    // 2 Feb never answered.
    const H = k.H;
    await concern(H, w, '2027-02-01');
    const nfa = await decision(H, w, 'no_further_action', '2027-02-11');
    await c.query(
      `INSERT INTO decision_challenge (decision_id, case_id, local_authority_id, view, raised_by_id, raised_at)
       VALUES ($1, $2, $3, 'We disagree', $4, '2027-02-12 11:00+00')`,
      [nfa, H.caseId, w.la.id, w.practitioner.id],
    );
    await c.query(
      `INSERT INTO decision_request (case_id, local_authority_id, type, view, requested_by_id, requested_at)
       VALUES ($1, $2, 'start_section_47_enquiry', 'Please decide', $3, '2027-02-02 09:00+00')`,
      [H.caseId, w.la.id, w.practitioner.id],
    );

    // I (restricted): s47 15 Feb with no conference (ICPC overdue), lead changed 20 Feb.
    await decision(k.I, w, 'start_section_47_enquiry', '2027-02-15', {
      strategy_discussion_date: '2027-02-15',
    });
    await leadChange(k.I, w, '2027-02-20');

    // J: stepped down 10 Jan, re-escalated by a concern on 1 Mar.
    await decision(k.J, w, 'end_child_protection_plan', '2027-01-10');
    await concern(k.J, w, '2027-03-01');

    // K: a plan started 15 Jan, corrected (superseded) 16 Jan, stepped down 1 Feb.
    const first = await decision(k.K, w, 'start_child_protection_plan', '2027-01-15', {
      category: 'NEG',
    });
    await decision(k.K, w, 'start_child_protection_plan', '2027-01-16', {
      category: 'EMO',
      supersedes_id: first,
    });
    await decision(k.K, w, 'end_child_protection_plan', '2027-02-01');

    // M: an FGDM on 10 Jan; Family Network Plan P1 agreed 25 Jan (15 days after it), its review
    // due 15 Feb held 18 Feb (3 days late), the next due 20 Mar not held (overdue on 31 Mar).
    // H: plan P2 agreed 5 Mar (version 1) and again 20 Mar (version 2): counted once, on 5 Mar,
    // with no FGDM; its next review (1 June) is outside the period.
    k.M = await seedCase(t, w, { referralDate: '2026-06-01' });
    await c.query(
      `INSERT INTO fgdm_meeting (case_id, local_authority_id, child_ids, held_on, coordinator,
                                 attendees, recorded_by_id)
       VALUES ($1, $2, $3, '2027-01-10', 'Coordinator', '{}', $4)`,
      [k.M.caseId, w.la.id, k.M.childIds, w.practitioner.id],
    );
    const plan = async (kase: SeededCase, status: string, nextReview: string) =>
      (
        await c.query(
          `INSERT INTO family_network_plan (case_id, local_authority_id, status, child_ids,
                                            next_review_date, created_by_id)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [kase.caseId, w.la.id, status, kase.childIds, nextReview, w.practitioner.id],
        )
      ).rows[0].id as string;
    const agreed = (kase: SeededCase, planId: string, on: string) =>
      c.query(
        `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary,
                                 at, record_type, record_id)
         VALUES ($1, $2, 'family_network_plan_agreed', $3, 'user', 'Family Network Plan agreed',
                 ($4::date + time '12:00') AT TIME ZONE 'Europe/London', 'family_network_plan', $5)`,
        [kase.caseId, w.la.id, w.manager.id, on, planId],
      );
    const p1 = await plan(k.M, 'active', '2027-03-20');
    await agreed(k.M, p1, '2027-01-25');
    await c.query(
      `INSERT INTO family_network_plan_review (plan_id, due_date, reviewed_on, summary,
                                               next_review_date, recorded_by_id)
       VALUES ($1, '2027-02-15', '2027-02-18', 'Going well', '2027-03-20', $2)`,
      [p1, w.practitioner.id],
    );
    const p2 = await plan(k.H, 'agreed', '2027-06-01');
    await agreed(k.H, p2, '2027-03-05');
    await agreed(k.H, p2, '2027-03-20');

    // N: care proceedings applied for on 1 Sept 2026: due 26 weeks later (2 Mar 2027), still
    // in proceedings on 31 Mar (overdue).
    k.N = await seedCase(t, w, { referralDate: '2026-06-01' });
    await decision(k.N, w, 'apply_for_care_proceedings', '2026-09-01');
    await c.query(`UPDATE case_record SET stage = 'care_proceedings' WHERE id = $1`, [k.N.caseId]);

    // Another LA's history in the same period never counts.
    const X = await seedCase(t, other, { referralDate: '2026-12-01' });
    await concern(X, other, '2027-01-05');
    await visit(X, other, '2027-01-06', false);
    await decision(X, other, 'start_section_47_enquiry', '2027-01-06', {
      strategy_discussion_date: '2027-01-06',
    });
  });

  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const get = (user: TestUser, query = PERIOD) =>
    t.req().get(`${API}/indicators?${query}`).set(bearer(user.token));

  const empty = { items: 0, met: 0, metLate: 0, overdue: 0, due: 0, medianDaysLate: null };
  it.each(['cpManager', 'auditor'] as const)(
    '%s: every indicator over the LA equals the known answers',
    async (who) => {
      const res = await get(w[who]);
      expect(res.status).toBe(200);
      const totals = Object.fromEntries(
        Object.entries(res.body.indicators as Record<string, { total: unknown }>).map(
          ([key, v]) => [key, v.total],
        ),
      );
      expect(res.body.asOf).toBe('2027-03-31');
      expect(totals).toEqual({
        timescale_assessment: {
          items: 4,
          met: 1,
          metLate: 2,
          overdue: 1,
          due: 0,
          medianDaysLate: 2,
        },
        timescale_initial_cp_conference: {
          items: 2,
          met: 0,
          metLate: 1,
          overdue: 1,
          due: 0,
          medianDaysLate: 2,
        },
        concern_response: {
          concerns: 3,
          ecppAssigned: 1,
          medianDaysToEcpp: 2,
          decided: 2,
          medianDaysToDecision: 7,
        },
        conversion: { concerns: 3, s47: 1, icpc: 1, cpPlan: 1 },
        repeat_cp_plans: { plans: 2, repeats: 1 },
        step_downs: { stepDowns: 2, reEscalated: 1 },
        lead_changed_in_cp: { episodes: 2, leadChanged: 1 },
        decision_requests: { requests: 2, answered: 1, medianDaysToAnswer: 2 },
        challenges: { challenges: 1, decisionsChallenged: 1, cases: 1 },
        visits_seen_alone: { visits: 3, seenAlone: 2, children: 1 },
        timescale_family_network_plan_review: {
          items: 2,
          met: 0,
          metLate: 1,
          overdue: 1,
          due: 0,
          medianDaysLate: 3,
        },
        timescale_care_proceedings: {
          items: 1,
          met: 0,
          metLate: 0,
          overdue: 1,
          due: 0,
          medianDaysLate: null,
        },
        family_network_plans_agreed: { agreed: 2, afterFgdm: 1, medianDaysFromFgdm: 15 },
        // No letter before proceedings in this world (proceedings-clocks.e2e-spec.ts has them).
        timescale_pre_proceedings: empty,
        timescale_pre_proceedings_review: empty,
        // The care proceedings here were seeded without pre-proceedings, a letter or an issue
        // date: the before-proceedings indicators are tested in indicators-proceedings.e2e-spec.
        fgdm_offer_before_letter: { letters: 0, offerBeforeLetter: 0, exempted: 0 },
        fgdm_meeting_before_issue: { applications: 0, meetingBeforeIssue: 0, exempted: 0 },
        pre_proceedings_ended_without_issue: { endings: 0, endedWithoutIssue: 0 },
        fnp_within_pre_proceedings: { episodes: 0, fnpAgreed: 0, medianDaysToFnp: null },
        // F's enquiry was recorded after its plan (created 9 Jan), so — as in the case's own
        // timescales — no episode holds a plan; the chains are tested in the block below.
        timescale_review_cp_conference: empty,
        timescale_core_group: empty,
        timescale_visit: empty,
      });
    },
  );

  it('series: every month of the period, chart-ready, summing to the total', async () => {
    const res = await get(w.cpManager);
    const visits = res.body.indicators.visits_seen_alone;
    expect(visits.series).toEqual([
      { month: '2027-01', measures: { visits: 1, seenAlone: 1, children: 1 } },
      { month: '2027-02', measures: { visits: 2, seenAlone: 1, children: 1 } },
      { month: '2027-03', measures: { visits: 0, seenAlone: 0, children: 0 } },
    ]);
    const concerns = res.body.indicators.concern_response.series;
    expect(concerns.map((p: { measures: { concerns: number } }) => p.measures.concerns)).toEqual([
      1, 1, 1,
    ]);
    expect(concerns[2].measures.medianDaysToEcpp).toBeNull();
    expect(res.body.indicators.visits_seen_alone.definition).toBe(
      'docs/indicators.md#visits_seen_alone',
    );
  });

  it('statuses are as known on the as-of day: on 31 January the later items are not yet due', async () => {
    const res = await get(w.cpManager, 'from=2027-01-01&to=2027-01-31');
    expect(res.body.asOf).toBe('2027-01-31');
    expect(res.body.indicators.timescale_initial_cp_conference.total).toMatchObject({ items: 1 });
    expect(res.body.indicators.concern_response.total).toEqual({
      concerns: 1,
      ecppAssigned: 1,
      medianDaysToEcpp: 2,
      decided: 1,
      medianDaysToDecision: 4,
    });
  });

  it('family_help_manager: their own team by default and by teamId; another team is 404', async () => {
    const mine = await get(w.manager);
    expect(mine.status).toBe(200);
    expect(mine.body.indicators.visits_seen_alone.total.visits).toBe(3);
    const team = await get(w.manager, `${PERIOD}&teamId=${w.fhTeam.id}`);
    expect(team.body.indicators).toEqual(mine.body.indicators);
    const notMine = await get(w.manager, `${PERIOD}&teamId=${w.otherFhTeam.id}`);
    expect(notMine.status).toBe(404);
    const otherLa = await get(w.cpManager, `${PERIOD}&teamId=${other.fhTeam.id}`);
    expect(otherLa.status).toBe(404);
  });

  it('cp_manager filtering by the CP team counts the cases its ECPPs co-work', async () => {
    const res = await get(w.cpManager, `${PERIOD}&teamId=${w.cpTeam.id}`);
    expect(res.status).toBe(200);
    expect(res.body.indicators.concern_response.total.concerns).toBe(1);
    expect(res.body.indicators.visits_seen_alone.total.visits).toBe(3);
    expect(res.body.indicators.challenges.total.challenges).toBe(0);
  });

  it.each([
    ['laAdmin', 403],
    ['practitioner', 403],
    ['ecpp', 403],
    ['trainer', 403],
  ] as const)('%s → %i', async (who, status) => {
    expect((await get(w[who])).status).toBe(status);
    expect(
      (await t.req().get(`${API}/indicators/visits_seen_alone/cases`).set(bearer(w[who].token)))
        .status,
    ).toBe(status);
  });

  it('bad input is a 400 naming the field', async () => {
    const bad = await get(w.cpManager, 'from=2027-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    const reversed = await get(w.cpManager, 'from=2027-03-01&to=2027-01-01');
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('from');
    const tooLong = await get(w.cpManager, 'from=2020-01-01&to=2027-01-01');
    expect(tooLong.status).toBe(400);
    const unknown = await t
      .req()
      .get(`${API}/indicators/nope/cases`)
      .set(bearer(w.cpManager.token));
    expect(unknown.status).toBe(404);
  });

  describe('drill-down: the cases behind an indicator', () => {
    const cases = (user: TestUser, indicator: string, query = PERIOD) =>
      t.req().get(`${API}/indicators/${indicator}/cases?${query}`).set(bearer(user.token));

    it('cp_manager: the ICPC items with their statuses, the restricted case included', async () => {
      const res = await cases(w.cpManager, 'timescale_initial_cp_conference');
      expect(res.status).toBe(200);
      expect(res.body.data.map((r: { caseId: string }) => r.caseId)).toEqual([
        k.F.caseId,
        k.I.caseId,
      ]);
      expect(res.body.data[0]).toMatchObject({
        date: icpcDueF,
        values: { status: 'met_late', daysLate: 2 },
      });
      expect(res.body.data[1].values).toEqual({ status: 'overdue', daysLate: null });
    });

    it('auditor: the restricted case counts in the aggregate, but no case is listed', async () => {
      const agg = await get(w.auditor);
      expect(agg.body.indicators.lead_changed_in_cp.total.leadChanged).toBe(1);
      const res = await cases(w.auditor, 'lead_changed_in_cp');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    });

    it('family_help_manager of the team: keyset pages over the concerns', async () => {
      const first = await cases(w.manager, 'concern_response', `${PERIOD}&limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.data.map((r: { caseId: string }) => r.caseId)).toEqual([
        k.F.caseId,
        k.H.caseId,
      ]);
      const next = await cases(
        w.manager,
        'concern_response',
        `${PERIOD}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect(next.body.data.map((r: { caseId: string }) => r.caseId)).toEqual([k.J.caseId]);
      expect(next.body.nextCursor).toBeNull();
    });

    it('never lists another LA’s case, and every read is audited', async () => {
      const res = await cases(w.cpManager, 'visits_seen_alone');
      expect(new Set(res.body.data.map((r: { caseId: string }) => r.caseId))).toEqual(
        new Set([k.F.caseId]),
      );
      const audit = await c.query(
        `SELECT action FROM audit_event WHERE actor_id = $1 AND action LIKE 'indicators.%'`,
        [w.cpManager.id],
      );
      expect(audit.rows.map((r) => r.action)).toEqual(
        expect.arrayContaining(['indicators.read', 'indicators.cases.read']),
      );
    });
  });
});

describe('indicator facts are maintained in the same transaction as each change', () => {
  let t: TestApp;
  let w: World;
  let c: Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    c = await db(t);
  });

  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const totals = async () =>
    (await t.req().get(`${API}/indicators?${PERIOD}`).set(bearer(w.cpManager.token)).expect(200))
      .body.indicators;
  /** The LA's facts as maintained, then as recomputed from scratch for every case: equal. */
  async function expectNoDrift(): Promise<void> {
    const rows = async () =>
      (
        await c.query(
          `SELECT * FROM indicator_fact WHERE local_authority_id = $1 ORDER BY indicator, item_id`,
          [w.la.id],
        )
      ).rows;
    const maintained = await rows();
    expect(maintained.length).toBeGreaterThan(0);
    await c.query(
      `SELECT indicator_fact_refresh(array_agg(id)) FROM case_record WHERE local_authority_id = $1`,
      [w.la.id],
    );
    expect(await rows()).toEqual(maintained);
  }

  it('review conferences, core groups and visits: the same items as the case’s own timescales', async () => {
    const kase = await seedCase(t, w, { referralDate: '2026-06-01' });
    const dec = (type: string, effective: string, extra: Record<string, unknown> = {}) =>
      c.query(
        `INSERT INTO decision (case_id, local_authority_id, type, rationale, child_ids,
                               effective_date, decided_by_id, created_at${Object.keys(extra)
                                 .map((k) => `, ${k}`)
                                 .join('')})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6::date + time '12:00'${Object.keys(extra)
           .map((_, i) => `, $${i + 8}`)
           .join('')})`,
        [
          kase.caseId,
          w.la.id,
          type,
          RATIONALE,
          kase.childIds,
          effective,
          w.ecpp.id,
          ...Object.values(extra),
        ],
      );
    const meeting = (kind: string, on: string) =>
      c.query(
        `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, recorded_by_id)
         VALUES ($1, $2, $3, $4, $5)`,
        [kase.caseId, w.la.id, kind, on, w.ecpp.id],
      );
    const visit = (on: string) =>
      c.query(
        `INSERT INTO case_visit (case_id, local_authority_id, child_id, visited_on, seen_alone,
                                 recorded_by_id)
         VALUES ($1, $2, $3, $4, true, $5)`,
        [kase.caseId, w.la.id, kase.childIds[0], on, w.practitioner.id],
      );
    // s47 on 17 Nov 2026, the conference held (a plan started) on 1 Dec: the first review is
    // due 1 Mar 2027 (not held: overdue); core groups held 14 Dec and 14 Jan (due 11 Jan: 3 days
    // late), the next due 11 Feb not held; visits 10 Dec, 6 Jan, 19 Jan (due 20 Jan: met), the
    // next due 2 Feb not held.
    await dec('start_section_47_enquiry', '2026-11-17', {
      strategy_discussion_date: '2026-11-17',
    });
    await dec('start_child_protection_plan', '2026-12-01', { category: 'NEG' });
    await meeting('core_group', '2026-12-14');
    await meeting('core_group', '2027-01-14');
    for (const on of ['2026-12-10', '2027-01-06', '2027-01-19']) await visit(on);

    const now = await totals();
    expect(now.timescale_review_cp_conference.total).toEqual({
      items: 1,
      met: 0,
      metLate: 0,
      overdue: 1,
      due: 0,
      medianDaysLate: null,
    });
    expect(now.timescale_core_group.total).toEqual({
      items: 2,
      met: 0,
      metLate: 1,
      overdue: 1,
      due: 0,
      medianDaysLate: 3,
    });
    expect(now.timescale_visit.total).toEqual({
      items: 2,
      met: 1,
      metLate: 0,
      overdue: 1,
      due: 0,
      medianDaysLate: null,
    });

    // Item by item, the drill-down equals the case's timescales as at 31 March.
    const own = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timescales?asOf=2027-03-31`)
      .set(bearer(w.cpManager.token))
      .expect(200);
    for (const kind of ['review_cp_conference', 'core_group', 'visit']) {
      const expected = (
        own.body.data as { kind: string; dueDate: string; status: string; daysLate?: number }[]
      )
        .filter((x) => x.kind === kind && x.dueDate >= '2027-01-01' && x.dueDate <= '2027-03-31')
        .map((x) => ({ date: x.dueDate, status: x.status, daysLate: x.daysLate ?? null }));
      const drill = await t
        .req()
        .get(`${API}/indicators/timescale_${kind}/cases?${PERIOD}`)
        .set(bearer(w.cpManager.token))
        .expect(200);
      const got = (
        drill.body.data as { caseId: string; date: string; values: Record<string, unknown> }[]
      )
        .filter((r) => r.caseId === kase.caseId)
        .map((r) => ({ date: r.date, status: r.values.status, daysLate: r.values.daysLate }));
      expect({ kind, items: got }).toEqual({ kind, items: expected });
      expect(expected.length).toBeGreaterThan(0);
    }

    // The step-down on 15 Feb ends the chains: nothing after it is outstanding.
    await dec('end_child_protection_plan', '2027-02-15');
    const after = await totals();
    expect(after.timescale_review_cp_conference.total.items).toBe(0);
    expect(after.timescale_core_group.total).toMatchObject({ items: 2, overdue: 1 });
    expect(after.timescale_visit.total).toMatchObject({ items: 2, overdue: 1 });
    await expectNoDrift();
  });

  it('a decision superseded (corrected) after the fact changes the figures, and the facts equal a full recompute', async () => {
    const kase = await seedCase(t, w, { referralDate: '2026-06-01' });
    const insert = async (type: string, effective: string, extra: Record<string, unknown> = {}) => {
      const cols = ['case_id', 'local_authority_id', 'type', 'rationale', 'child_ids'];
      const vals: unknown[] = [kase.caseId, w.la.id, type, RATIONALE, kase.childIds];
      cols.push('effective_date', 'decided_by_id', ...Object.keys(extra));
      vals.push(effective, w.ecpp.id, ...Object.values(extra));
      const r = await c.query(
        `INSERT INTO decision (${cols.join(', ')})
         VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        vals,
      );
      return r.rows[0].id as string;
    };
    await c.query(
      `INSERT INTO case_concern (case_id, local_authority_id, raised_by_id, child_ids, summary,
                                 raised_at, raised_on)
       VALUES ($1, $2, $3, $4, 'Concern', '2027-02-01 10:00+00', '2027-02-01')`,
      [kase.caseId, w.la.id, w.practitioner.id, kase.childIds],
    );
    const nfa = await insert('no_further_action', '2027-02-11');
    let now = await totals();
    expect(now.conversion.total).toEqual({ concerns: 1, s47: 0, icpc: 0, cpPlan: 0 });
    expect(now.concern_response.total).toMatchObject({ decided: 1, medianDaysToDecision: 10 });
    expect(now.timescale_initial_cp_conference.total.items).toBe(0);
    await expectNoDrift();

    // Corrected: it was a s47 enquiry on 5 Feb (strategy discussion that day), not NFA.
    await insert('start_section_47_enquiry', '2027-02-05', {
      supersedes_id: nfa,
      strategy_discussion_date: '2027-02-05',
    });
    now = await totals();
    expect(now.conversion.total).toEqual({ concerns: 1, s47: 1, icpc: 0, cpPlan: 0 });
    expect(now.concern_response.total).toMatchObject({ decided: 1, medianDaysToDecision: 4 });
    expect(now.lead_changed_in_cp.total).toEqual({ episodes: 1, leadChanged: 0 });
    expect(now.timescale_initial_cp_conference.total).toMatchObject({ items: 1, overdue: 1 });
    await expectNoDrift();

    // A lead practitioner change inside the episode, an ECPP and a conference held on time.
    await c.query(
      `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary, at)
       VALUES ($1, $2, 'lead_practitioner_changed', $3, 'user', 'Lead reassigned', '2027-02-10 12:00+00')`,
      [kase.caseId, w.la.id, w.manager.id],
    );
    await c.query(
      `INSERT INTO case_co_worker (case_id, user_id, assigned_by_id, assigned_at, assigned_on)
       VALUES ($1, $2, $3, '2027-02-03 10:00+00', '2027-02-03')`,
      [kase.caseId, w.ecpp.id, w.cpManager.id],
    );
    await c.query(
      `INSERT INTO case_meeting (case_id, local_authority_id, kind, held_on, recorded_by_id)
       VALUES ($1, $2, 'initial_cp_conference', '2027-02-19', $3)`,
      [kase.caseId, w.la.id, w.ecpp.id],
    );
    now = await totals();
    expect(now.lead_changed_in_cp.total).toEqual({ episodes: 1, leadChanged: 1 });
    expect(now.concern_response.total).toMatchObject({ ecppAssigned: 1, medianDaysToEcpp: 2 });
    expect(now.timescale_initial_cp_conference.total).toMatchObject({ items: 1, met: 1 });
    await expectNoDrift();

    // The case moves team: its facts follow (the Family Help manager's own team no longer
    // counts it).
    const mine = async () =>
      (await t.req().get(`${API}/indicators?${PERIOD}`).set(bearer(w.manager.token)).expect(200))
        .body.indicators.conversion.total.concerns;
    expect(await mine()).toBe(1);
    await c.query(`UPDATE case_record SET team_id = $2 WHERE id = $1`, [
      kase.caseId,
      w.otherFhTeam.id,
    ]);
    expect(await mine()).toBe(0);
    await expectNoDrift();
  });
});
