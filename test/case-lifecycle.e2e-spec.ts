import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { auditRows, newCase, sql } from './utils/case.factories';
import { caseInChildProtection, closeDb, convenedAndOnPlan } from './utils/cp.factories';

describe('closing and reopening a case', () => {
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

  const close = (caseId: string, token: string, body: object) =>
    t.req().post(`${API}/cases/${caseId}/close`).set(bearer(token)).send(body);
  const reopen = (caseId: string, token: string, body: object) =>
    t.req().post(`${API}/cases/${caseId}/reopen`).set(bearer(token)).send(body);

  it('closes with a CIN reason (200), then the case is read-only until reopened', async () => {
    const c = await newCase(t, w);
    const res = await close(c.id, w.manager.token, {
      reason: 'RC8',
      note: 'Assessment complete; NFA',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      stage: 'closed',
      closure: { reason: 'RC8', reasonLabel: 'Case closed after assessment, no further action' },
      version: 2,
    });
    const audit = await auditRows(t, { recordId: c.id, action: 'case.close' });
    expect(audit[0].changes).toEqual({
      stage: { before: 'family_help', after: 'closed' },
      closureReason: { before: null, after: 'RC8' },
      closedOn: { before: null, after: TEST_TODAY },
    });

    const note = await t
      .req()
      .post(`${API}/cases/${c.id}/notes`)
      .set(bearer(w.practitioner.token))
      .send({ body: 'x' });
    expect(note.status).toBe(409);
    expect(note.body.code).toBe('case_closed');
    const patch = await t
      .req()
      .patch(`${API}/cases/${c.id}`)
      .set(bearer(w.manager.token))
      .set('If-Match', '"2"')
      .send({ restricted: true });
    expect(patch.status).toBe(409);
    const plan = await t
      .req()
      .post(`${API}/cases/${c.id}/family-help-plan`)
      .set(bearer(w.practitioner.token))
      .send({});
    expect(plan.status).toBe(409);
    const again = await close(c.id, w.manager.token, { reason: 'RC8' });
    expect(again.status).toBe(409);
    expect(await sql(t, `SELECT 1 FROM case_note WHERE case_id = $1`, [c.id])).toHaveLength(0);
    expect(
      (await t.req().get(`${API}/cases/${c.id}`).set(bearer(w.practitioner.token))).status,
    ).toBe(200);

    const newReferral = { date: TEST_TODAY, source: '1B' };
    const re = await reopen(c.id, w.manager.token, {
      reason: 'New referral from school',
      referral: newReferral,
    });
    expect(re.status).toBe(200);
    expect(re.body).toMatchObject({ stage: 'family_help', closure: null, version: 3 });
    expect(
      (
        await t
          .req()
          .post(`${API}/cases/${c.id}/notes`)
          .set(bearer(w.practitioner.token))
          .send({ body: 'Back open' })
      ).status,
    ).toBe(201);

    const tl = await t.req().get(`${API}/cases/${c.id}/timeline`).set(bearer(w.practitioner.token));
    const events = tl.body.data as { type: string; data: Record<string, unknown> | null }[];
    expect(events.map((e) => e.type)).toEqual([
      'case_created',
      'case_closed',
      'case_reopened',
      'note_added',
    ]);
    expect(events[1].data).toMatchObject({ reason: 'RC8', note: 'Assessment complete; NFA' });
    expect(events[1].data).toMatchObject({ closedOn: TEST_TODAY });
    // the new referral is recorded; the earlier referral and closure stay in the history
    expect(events[2].data).toEqual({
      reason: 'New referral from school',
      referral: newReferral,
      previousReferral: { date: '2026-10-01', source: '2A' },
      previousClosure: { on: TEST_TODAY, reason: 'RC8' },
    });
    const reAudit = await auditRows(t, { recordId: c.id, action: 'case.reopen' });
    expect(reAudit[0].reason).toBe('New referral from school');
  });

  it('400 for an unknown closure code or a blank reopen reason; 409 reopening an open case', async () => {
    const c = await newCase(t, w);
    for (const body of [{}, { reason: 'RC10' }, { reason: 'rc7' }]) {
      const r = await close(c.id, w.manager.token, body);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].field).toBe('reason');
    }
    const referral = { date: '2026-12-01', source: '2A' };
    const r = await reopen(c.id, w.practitioner.token, { reason: 'x', referral });
    expect(r.status).toBe(409);
    await close(c.id, w.manager.token, { reason: 'RC7', closedOn: '2026-11-02' });
    const blank = await reopen(c.id, w.practitioner.token, { reason: ' ', referral });
    expect(blank.status).toBe(400);
    const noReferral = await reopen(c.id, w.practitioner.token, { reason: 'New referral' });
    expect([noReferral.status, noReferral.body.errors[0].field]).toEqual([400, 'referral']);
    for (const [date, conflictsWith] of [
      ['2026-11-01', '2026-11-02'], // before the closure it reopens
      ['2027-05-01', TEST_TODAY], // in the future
    ]) {
      const bad = await reopen(c.id, w.practitioner.token, {
        reason: 'New referral',
        referral: { date, source: '2A' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        { field: 'referral.date', message: expect.stringContaining(conflictsWith) },
      ]);
    }
    const [row] = await sql(t, `SELECT stage FROM case_record WHERE id = $1`, [c.id]);
    expect(row.stage).toBe('closed');
  });

  it('403 for an ECPP (no case.close), a practitioner (they propose) and a practitioner of another team; 404 for another LA', async () => {
    const c = await newCase(t, w);
    expect((await close(c.id, w.ecpp.token, { reason: 'RC7' })).status).toBe(403);
    expect((await close(c.id, w.practitioner.token, { reason: 'RC7' })).status).toBe(403);
    expect((await close(c.id, w.otherPractitioner.token, { reason: 'RC7' })).status).toBe(403);
    expect((await close(c.id, w.laAdmin.token, { reason: 'RC7' })).status).toBe(403);
    const w2 = await newWorld(t);
    expect((await close(c.id, w2.manager.token, { reason: 'RC7' })).status).toBe(404);
    const [row] = await sql(t, `SELECT stage, version FROM case_record WHERE id = $1`, [c.id]);
    expect(row).toEqual({ stage: 'family_help', version: 1 });
  });

  it('family_help_manager: 409 while a child is on a child protection plan, naming every reason; nothing written', async () => {
    const kase = await caseInChildProtection(t, w);
    await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-18', '2027-01-06');
    const before = await sql(
      t,
      `SELECT version, (SELECT count(*)::int FROM case_event WHERE case_id = $1) AS events FROM case_record WHERE id = $1`,
      [kase.caseId],
    );
    const res = await close(kase.caseId, w.manager.token, { reason: 'RC7' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('concern_open');
    expect(res.body.reasons).toEqual(['concern_open', 's47_open', 'plan_active']);
    const after = await sql(
      t,
      `SELECT version, (SELECT count(*)::int FROM case_event WHERE case_id = $1) AS events FROM case_record WHERE id = $1`,
      [kase.caseId],
    );
    expect(after).toEqual(before);
  });
});
