import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import {
  assignEcpp,
  caseFootprint,
  caseInChildProtection,
  closeDb,
  convenedAndOnPlan,
  db,
  decide,
  raiseConcern,
  OUTSIDE_TANDEM,
  RATIONALE,
  seedCase,
} from './utils/cp.factories';

describe('decisions: only the co-working ECPP decides, within the stage rules', () => {
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

  it('records a s47 decision: 201, stage child_protection, timeline + audit in the same write', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const before = await caseFootprint(t, kase.caseId);
    const res = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_section_47_enquiry',
      rationale: `   ${RATIONALE}   `,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-17',
      overrideReason: OUTSIDE_TANDEM,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'start_section_47_enquiry',
      decidedById: w.ecpp.id,
      rationale: RATIONALE,
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-17',
      supersededById: null,
      caseStage: 'child_protection',
    });
    const after = await caseFootprint(t, kase.caseId);
    expect(after).toMatchObject({
      decisions: 1,
      events: Number(before.events) + 2, // decision_recorded + stage_changed
      stage: 'child_protection',
      version: Number(before.version) + 1,
    });
    const c = await db(t);
    const audit = await c.query(
      `SELECT action, child_ids FROM audit_event WHERE record_id = $1 AND action = 'decision.record'`,
      [res.body.id],
    );
    expect(audit.rows).toEqual([{ action: 'decision.record', child_ids: kase.childIds }]);
    const concerns = await get(`/cases/${kase.caseId}/concerns`, w.practitioner.token);
    expect(concerns.body.data[0].status).toBe('open');
  });

  it('validates: short rationale, missing category, fields of another type, unknown child → 400, nothing written', async () => {
    const kase = await caseInChildProtection(t, w);
    const before = await caseFootprint(t, kase.caseId);
    const base = { rationale: RATIONALE, childIds: kase.childIds, effectiveDate: '2027-01-12' };
    const cases: [object, string][] = [
      [
        {
          ...base,
          type: 'start_child_protection_plan',
          category: 'NEG',
          rationale: '  too short      ',
        },
        'rationale',
      ],
      [{ ...base, type: 'start_child_protection_plan' }, 'category'],
      [{ ...base, type: 'start_child_protection_plan', category: 'XYZ' }, 'category'],
      [{ ...base, type: 'convene_initial_cp_conference', category: 'NEG' }, 'category'],
      [
        { ...base, type: 'convene_initial_cp_conference', effectiveDate: '2027-02-30' },
        'effectiveDate',
      ],
      [{ ...base, type: 'convene_initial_cp_conference', childIds: [w.la.id] }, 'childIds'],
      [{ ...base, type: 'convene_initial_cp_conference', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, body);
      expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
        400,
        expect.arrayContaining([field]),
      ]);
    }
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it('refuses a decision the stage does not allow with 409 and its code, writing nothing', async () => {
    const kase = await seedCase(t, w);
    await assignEcpp(t, w, kase);
    const before = await caseFootprint(t, kase.caseId);
    const s47 = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect(s47.status).toBe(409);
    expect(s47.body.code).toBe('no_open_concern');
    const plan = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_child_protection_plan',
      category: 'NEG',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect(plan.status).toBe(409);
    expect(plan.body.code).toBe('stage_not_allowed');
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it('another ECPP, managers and admins get 403; another LA 404; nothing written', async () => {
    const kase = await caseInChildProtection(t, w);
    const before = await caseFootprint(t, kase.caseId);
    const body = {
      type: 'convene_initial_cp_conference',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2027-01-05',
    };
    for (const who of [w.ecpp2, w.cpManager, w.manager, w.practitioner, w.laAdmin]) {
      const res = await post(`/cases/${kase.caseId}/decisions`, who.token, body);
      expect([who.roles, res.status]).toEqual([who.roles, 403]);
    }
    const other = await newWorld(t);
    const res = await post(`/cases/${kase.caseId}/decisions`, other.ecpp.token, body);
    expect(res.status).toBe(404);
    expect(await caseFootprint(t, kase.caseId)).toEqual(before);
  });

  it('decisions are immutable: PATCH and DELETE are 405; the database refuses UPDATE/DELETE', async () => {
    const kase = await caseInChildProtection(t, w);
    const list = await get(`/cases/${kase.caseId}/decisions`, w.practitioner.token);
    const id = list.body.data[0].id;
    const patch = await t
      .req()
      .patch(`${API}/cases/${kase.caseId}/decisions/${id}`)
      .set(bearer(w.ecpp.token))
      .send({ rationale: 'x'.repeat(30) });
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe('GET');
    const del = await t
      .req()
      .delete(`${API}/cases/${kase.caseId}/decisions/${id}`)
      .set(bearer(w.ecpp.token));
    expect(del.status).toBe(405);
    const c = await db(t);
    await expect(
      c.query(`UPDATE decision SET rationale = rationale WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(c.query(`DELETE FROM decision WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('a superseding decision corrects a plan category; the first is marked superseded, once only', async () => {
    const kase = await caseInChildProtection(t, w);
    const first = await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-12');
    const dup = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_child_protection_plan',
      category: 'EMO',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2027-01-12',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('child_already_on_plan');
    const fix = await decide(t, kase, w.ecpp, {
      type: 'start_child_protection_plan',
      category: 'EMO',
      effectiveDate: '2027-01-12',
      supersedesId: first.id,
    });
    const again = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'start_child_protection_plan',
      category: 'PHY',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2027-01-12',
      supersedesId: first.id,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('superseded_unknown');
    const list = await get(`/cases/${kase.caseId}/decisions`, w.manager.token);
    const byId = Object.fromEntries(list.body.data.map((d: { id: string }) => [d.id, d]));
    expect(byId[first.id].supersededById).toBe(fix.id);
    expect(byId[fix.id]).toMatchObject({
      supersedesId: first.id,
      supersededById: null,
      category: 'EMO',
    });
  });

  it('Family Help requests a decision; it shows in the ECPP queue until a decision answers it', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const asked = await post(`/cases/${kase.caseId}/decision-requests`, w.practitioner.token, {
      type: 'start_section_47_enquiry',
      view: 'Second unexplained injury in a month; we think enquiries are needed.',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', requestedById: w.practitioner.id });
    const byEcpp = await post(`/cases/${kase.caseId}/decision-requests`, w.ecpp.token, {
      type: 'start_section_47_enquiry',
      view: 'x',
    });
    expect(byEcpp.status).toBe(403);
    const queue = async (who = w.ecpp) =>
      (await get('/decision-requests?status=open&limit=200', who.token)).body.data.map(
        (r: { id: string }) => r.id,
      );
    expect(await queue()).toContain(asked.body.id);
    expect(await queue(w.ecpp2)).not.toContain(asked.body.id);
    const answer = await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
      requestId: asked.body.id,
    });
    expect(answer.requestId).toBe(asked.body.id);
    expect(await queue()).not.toContain(asked.body.id);
    const answered = await get('/decision-requests?status=answered&limit=200', w.ecpp.token);
    expect(answered.body.data).toContainEqual(
      expect.objectContaining({ id: asked.body.id, answeredByDecisionId: answer.id }),
    );
    const twice = await post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, {
      type: 'convene_initial_cp_conference',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2027-01-05',
      requestId: asked.body.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('request_already_answered');
  });

  it('a practitioner’s disagreement is recorded against the decision and on the timeline', async () => {
    const kase = await caseInChildProtection(t, w);
    const [decision] = (await get(`/cases/${kase.caseId}/decisions`, w.practitioner.token)).body
      .data;
    const view = 'We disagree: the family network can keep the children safe.';
    const res = await post(
      `/cases/${kase.caseId}/decisions/${decision.id}/challenges`,
      w.practitioner.token,
      { view },
    );
    expect(res.status).toBe(201);
    const byEcpp = await post(
      `/cases/${kase.caseId}/decisions/${decision.id}/challenges`,
      w.ecpp.token,
      { view },
    );
    expect(byEcpp.status).toBe(403);
    const outsider = await post(
      `/cases/${kase.caseId}/decisions/${decision.id}/challenges`,
      w.otherPractitioner.token,
      { view },
    );
    expect(outsider.status).toBe(403);
    const list = await get(`/cases/${kase.caseId}/decisions`, w.ecpp.token);
    expect(list.body.data[0].challenges).toEqual([
      expect.objectContaining({ view, raisedById: w.practitioner.id }),
    ]);
    const c = await db(t);
    const events = await c.query(`SELECT type FROM case_event WHERE case_id = $1 ORDER BY at, id`, [
      kase.caseId,
    ]);
    expect(events.rows.map((r) => r.type)).toContain('decision_challenged');
  });

  it('serialises concurrent decisions on one case: one s47 wins, the other is refused', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const body = {
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-18',
      overrideReason: OUTSIDE_TANDEM,
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => post(`/cases/${kase.caseId}/decisions`, w.ecpp.token, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await caseFootprint(t, kase.caseId)).decisions).toBe(1);
  });

  /** A case whose concern the ECPP closed with no further action. */
  const concernClosedByNfa = async () => {
    const kase = await seedCase(t, w);
    const concern = await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const nfa = await decide(t, kase, w.ecpp, {
      type: 'no_further_action',
      effectiveDate: '2026-12-18',
    });
    return { kase, concern, nfa };
  };

  it('no further action closes the concern and keeps the case in family_help', async () => {
    const { kase, concern, nfa } = await concernClosedByNfa();
    expect(nfa.caseStage).toBe('family_help');
    const concerns = await get(`/cases/${kase.caseId}/concerns`, w.practitioner.token);
    expect(concerns.body.data).toEqual([
      expect.objectContaining({ id: concern.id, status: 'closed', closedByDecisionId: nfa.id }),
    ]);
  });

  it('ECPP: the answer to a recorded decision is the decision exactly as read back, plus the case stage', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const first = await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-18',
      overrideReason: OUTSIDE_TANDEM,
    });
    const second = await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-19',
      strategyDiscussionDate: '2026-12-19',
      overrideReason: OUTSIDE_TANDEM,
      supersedesId: first.id,
    });
    for (const recorded of [first, second]) {
      const { caseStage, ...decision } = recorded;
      expect(caseStage).toBe('child_protection');
      expect(decision).toMatchObject({
        decidedById: w.ecpp.id,
        supersededById: null,
        challenges: [],
      });
      expect(typeof decision.decidedByName).toBe('string');
      const read = await get(`/cases/${kase.caseId}/decisions/${recorded.id}`, w.ecpp.token);
      expect(read.status).toBe(200);
      // Read later, the first one is now superseded by the second; nothing else differs.
      expect(read.body).toEqual({
        ...decision,
        supersededById: recorded === first ? second.id : null,
      });
    }
  });

  it('ECPP: superseding the no-further-action decision reopens the concern it closed, on the concern and the timeline', async () => {
    const { kase, concern, nfa } = await concernClosedByNfa();
    const s47 = await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-18',
      overrideReason: OUTSIDE_TANDEM,
      supersedesId: nfa.id,
    });
    expect(s47.caseStage).toBe('child_protection');
    const concerns = await get(`/cases/${kase.caseId}/concerns`, w.practitioner.token);
    expect(concerns.body.data).toEqual([
      expect.objectContaining({ id: concern.id, status: 'open', closedByDecisionId: null }),
    ]);
    const timeline = await get(`/cases/${kase.caseId}/timeline?limit=100`, w.practitioner.token);
    const types = (timeline.body.data as { type: string }[]).map((e) => e.type);
    expect(types.filter((x) => x === 'concern_closed')).toHaveLength(1);
    expect(types.filter((x) => x === 'concern_reopened')).toHaveLength(1);
  });
});
