/**
 * Child and family assessments: started, completed (late ones with a reason), authorised by the
 * team's family_help_manager or the co-working ECPP on a CP case; the authorised completion
 * meets the case's 45-working-day timescale.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from 'src/common/working-days';
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { auditRows } from './utils/case.factories';
import { caseInChildProtection, closeDb, seedCase, SeededCase } from './utils/cp.factories';

const today = TEST_TODAY;

describe('assessments', () => {
  let t: TestApp;
  let w: World;

  const start = (who: TestUser, caseId: string, body: object) =>
    t.req().post(`${API}/cases/${caseId}/assessments`).set(bearer(who.token)).send(body);
  const complete = (who: TestUser, id: string, body: object) =>
    t.req().post(`${API}/assessments/${id}/completion`).set(bearer(who.token)).send(body);
  const authorise = (who: TestUser, id: string) =>
    t.req().post(`${API}/assessments/${id}/authorisation`).set(bearer(who.token)).send({});

  async function completedAssessment(kase: SeededCase, body: object = {}) {
    const a = await start(w.practitioner, kase.caseId, {
      childIds: kase.childIds,
      startedOn: addDays(today, -3),
    });
    expect(a.status).toBe(201);
    const done = await complete(w.practitioner, a.body.id, {
      completedOn: today,
      outcome: 'family_help_plan',
      // Seeded cases may be referred long before today: then the completion is late.
      lateReason: 'Referred before the current caseload review',
      ...body,
    });
    expect(done.status).toBe(200);
    return a.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('start → complete → the team manager authorises; the case assessment timescale is met on the completion date', async () => {
    const kase = await seedCase(t, w, { children: 2, referralDate: addDays(today, -10) });
    const started = await start(w.practitioner, kase.caseId, {
      childIds: [kase.childIds[0]],
      startedOn: addDays(today, -9),
    });
    expect(started.status).toBe(201);
    expect(started.headers.etag).toBe('"1"');
    expect(started.body).toMatchObject({
      caseId: kase.caseId,
      childIds: [kase.childIds[0]],
      status: 'in_progress',
      completedOn: null,
      late: false,
    });
    const id = started.body.id;
    const done = await complete(w.practitioner, id, {
      completedOn: addDays(today, -1),
      outcome: 'no_further_action',
      summary: 'No unmet needs found.',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: 'no_further_action',
      late: false,
    });
    // Not authorised yet: the timescale is still outstanding.
    const before = await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.manager.token));
    expect(before.body.assessmentCompletedAt).toBeNull();

    const ok = await authorise(w.manager, id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'authorised', authorisedById: w.manager.id });
    const after = await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.manager.token));
    expect(after.body.assessmentCompletedAt).toBe(addDays(today, -1));
    const ts = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timescales`)
      .set(bearer(w.manager.token));
    const items: { kind: string; status: string; metAt?: string }[] = Array.isArray(ts.body)
      ? ts.body
      : ts.body.data;
    const item = items.find((x) => x.kind === 'assessment');
    expect(item).toMatchObject({ status: 'met', metAt: addDays(today, -1) });

    expect((await auditRows(t, { recordId: id, action: 'assessment.authorise' })).length).toBe(1);
    const tl = await t
      .req()
      .get(`${API}/cases/${kase.caseId}/timeline`)
      .set(bearer(w.manager.token));
    expect(tl.body.data.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'assessment_started',
        'assessment_completed',
        'assessment_authorised',
      ]),
    );
    // Once only.
    expect((await authorise(w.manager, id)).status).toBe(409);
    expect(
      (await complete(w.practitioner, id, { completedOn: today, outcome: 'family_help_plan' }))
        .status,
    ).toBe(409);
  });

  it('a late completion needs a reason (400 naming lateReason), and shows as late', async () => {
    const kase = await seedCase(t, w, { referralDate: addDays(today, -120) });
    const a = await start(w.practitioner, kase.caseId, {
      childIds: kase.childIds,
      startedOn: addDays(today, -100),
    });
    const refused = await complete(w.practitioner, a.body.id, {
      completedOn: today,
      outcome: 'concern_of_significant_harm',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['lateReason']);
    const done = await complete(w.practitioner, a.body.id, {
      completedOn: today,
      outcome: 'concern_of_significant_harm',
      lateReason: 'Family moved area; records transferred late.',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      late: true,
      lateReason: 'Family moved area; records transferred late.',
    });
    expect(done.body.dueDate < today).toBe(true);
  });

  it('authorising before completion: 409', async () => {
    const kase = await seedCase(t, w);
    const a = await start(w.practitioner, kase.caseId, {
      childIds: kase.childIds,
      startedOn: today,
    });
    expect((await authorise(w.manager, a.body.id)).status).toBe(409);
  });

  it.each([
    ['a child not on the case', () => ({ childIds: [randomUUID()], startedOn: today }), 'childIds'],
    [
      'a start before the referral',
      (k: SeededCase) => ({ childIds: k.childIds, startedOn: '2020-01-01' }),
      'startedOn',
    ],
    [
      'a start in the future',
      (k: SeededCase) => ({ childIds: k.childIds, startedOn: addDays(today, 2) }),
      'startedOn',
    ],
    ['no children', () => ({ childIds: [], startedOn: today }), 'childIds'],
    [
      'an unknown field',
      (k: SeededCase) => ({ childIds: k.childIds, startedOn: today, by: 'x' }),
      'by',
    ],
  ])('start: 400 naming the field for %s', async (_n, body, field) => {
    const kase = await seedCase(t, w, { referralDate: addDays(today, -30) });
    const res = await start(w.practitioner, kase.caseId, body(kase));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('completion before the start: 400 naming completedOn; an unknown outcome: 400', async () => {
    const kase = await seedCase(t, w, { referralDate: addDays(today, -30) });
    const a = await start(w.practitioner, kase.caseId, {
      childIds: kase.childIds,
      startedOn: addDays(today, -2),
    });
    const early = await complete(w.practitioner, a.body.id, {
      completedOn: addDays(today, -3),
      outcome: 'family_help_plan',
    });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('completedOn');
    const bad = await complete(w.practitioner, a.body.id, {
      completedOn: today,
      outcome: 'closed',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('outcome');
  });

  describe('who may authorise', () => {
    it.each([
      ['family_help_practitioner (lead)', 'practitioner', 403],
      ['family_help_practitioner (other team)', 'otherPractitioner', 403],
      ['ecpp not co-working', 'ecpp2', 403],
      ['cp_manager', 'cpManager', 403],
      ['la_admin', 'laAdmin', 403],
      ['auditor', 'auditor', 403],
      ['family_help_manager of the team', 'manager', 200],
    ] as const)('on a Family Help case: %s → %i', async (_r, who, status) => {
      const kase = await seedCase(t, w);
      const id = await completedAssessment(kase);
      expect((await authorise(w[who], id)).status).toBe(status);
    });

    it('the co-working ECPP on a case in child protection: 200; the same ECPP once the case is back in Family Help: 403', async () => {
      const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: today });
      const id = await completedAssessment(kase);
      expect((await authorise(w.ecpp2, id)).status).toBe(403);
      expect((await authorise(w.ecpp, id)).status).toBe(200);

      const fh = await seedCase(t, w);
      const { db } = await import('./utils/cp.factories');
      await (
        await db(t)
      ).query(
        `INSERT INTO case_co_worker (case_id, user_id, role, assigned_by_id, assigned_on)
       SELECT $1, $2, 'ecpp', $3, referral_date FROM case_record WHERE id = $1`,
        [fh.caseId, w.ecpp.id, w.cpManager.id],
      );
      const id2 = await completedAssessment(fh);
      expect((await authorise(w.ecpp, id2)).status).toBe(403);
    });

    it('an Idempotency-Key replay of an authorisation re-asks the gate: the ECPP whose co-working ended gets 403, not the kept 200', async () => {
      const kase = await caseInChildProtection(t, w, { strategyDiscussionDate: today });
      const id = await completedAssessment(kase);
      const key = `authorise-${id}`;
      const first = await authorise(w.ecpp, id).set('Idempotency-Key', key);
      expect(first.status).toBe(200);
      const { db } = await import('./utils/cp.factories');
      await (
        await db(t)
      ).query(`UPDATE case_co_worker SET ended_at = now() WHERE case_id = $1`, [kase.caseId]);
      expect((await authorise(w.ecpp, id).set('Idempotency-Key', key)).status).toBe(403);
    });

    it('another local authority: 404 for the assessment, its case and its authorisation', async () => {
      const kase = await seedCase(t, w);
      const id = await completedAssessment(kase);
      const w2 = await newWorld(t);
      expect((await authorise(w2.manager, id)).status).toBe(404);
      expect(
        (await t.req().get(`${API}/assessments/${id}`).set(bearer(w2.manager.token))).status,
      ).toBe(404);
      expect(
        (await start(w2.practitioner, kase.caseId, { childIds: kase.childIds, startedOn: today }))
          .status,
      ).toBe(404);
    });

    it('an ECPP who does not co-work the case may read but not start: 403', async () => {
      const kase = await seedCase(t, w);
      expect(
        (await start(w.ecpp, kase.caseId, { childIds: kase.childIds, startedOn: today })).status,
      ).toBe(403);
      const list = await t
        .req()
        .get(`${API}/cases/${kase.caseId}/assessments`)
        .set(bearer(w.ecpp.token));
      expect(list.status).toBe(200);
    });
  });
});
