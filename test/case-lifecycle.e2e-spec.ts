import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { auditRows, newCase, sql } from './utils/case.factories';
import { caseInChildProtection, closeDb, convenedAndOnPlan } from './utils/cp.factories';
import { EPISODE_BACKFILL_SQL } from '../migrations/1797100000000-CaseEpisodes';

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
      closedOn: '2027-04-28',
      primaryNeed: 'N9',
      note: 'Assessment complete; NFA',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      stage: 'closed',
      closure: {
        reason: 'RC8',
        reasonLabel: 'Case closed after assessment, no further action',
        closedOn: '2027-04-28',
        primaryNeed: 'N9',
      },
      version: 2,
    });
    const audit = await auditRows(t, { recordId: c.id, action: 'case.close' });
    expect(audit[0].changes).toEqual({
      stage: { before: 'family_help', after: 'closed' },
      closureReason: { before: null, after: 'RC8' },
      closedOn: { before: null, after: '2027-04-28' },
      primaryNeedAtClosure: { before: null, after: 'N9' },
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
    const again = await close(c.id, w.manager.token, { reason: 'RC8', closedOn: TEST_TODAY });
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
    expect(events[1].data).toMatchObject({ closedOn: '2027-04-28', primaryNeed: 'N9' });
    // the new referral is recorded; the earlier referral and closure stay in the history
    expect(events[2].data).toEqual({
      reason: 'New referral from school',
      referral: newReferral,
      previousReferral: { date: '2026-10-01', source: '2A' },
      previousClosure: { on: '2027-04-28', reason: 'RC8' },
    });
    // Two episodes: the first keeps its referral and closure; the second is open.
    const after = await t.req().get(`${API}/cases/${c.id}`).set(bearer(w.practitioner.token));
    expect(after.body.episodes).toEqual([
      {
        seq: 1,
        referralDate: '2026-10-01',
        source: '2A',
        sourceLabel: 'Schools',
        closed: true,
        closedOn: '2027-04-28',
        reason: 'RC8',
        primaryNeed: 'N9',
      },
      {
        seq: 2,
        referralDate: TEST_TODAY,
        source: '1B',
        sourceLabel: 'Individual: Acquaintance (including neighbours and child minders)',
        closed: false,
        closedOn: null,
        reason: null,
        primaryNeed: null,
      },
    ]);
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
    // The closure date is the practitioner's, never the day it is typed: required.
    for (const [body, field] of [
      [{ reason: 'RC7' }, 'closedOn'],
      [{ reason: 'RC7', closedOn: '30/04/2027' }, 'closedOn'],
      [{ reason: 'RC7', closedOn: TEST_TODAY, primaryNeed: 'N10' }, 'primaryNeed'],
      [{ reason: 'RC7', closedOn: TEST_TODAY, primaryNeed: 'n1' }, 'primaryNeed'],
    ] as const) {
      const r = await close(c.id, w.manager.token, body);
      expect([r.status, r.body.errors?.[0]?.field]).toEqual([400, field]);
    }
    expect(
      await sql(t, `SELECT closed, closed_on FROM case_episode WHERE case_id = $1`, [c.id]),
    ).toEqual([{ closed: false, closed_on: null }]);
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
    expect((await close(c.id, w.ecpp.token, { reason: 'RC7', closedOn: TEST_TODAY })).status).toBe(
      403,
    );
    expect(
      (await close(c.id, w.practitioner.token, { reason: 'RC7', closedOn: TEST_TODAY })).status,
    ).toBe(403);
    expect(
      (await close(c.id, w.otherPractitioner.token, { reason: 'RC7', closedOn: TEST_TODAY }))
        .status,
    ).toBe(403);
    expect(
      (await close(c.id, w.laAdmin.token, { reason: 'RC7', closedOn: TEST_TODAY })).status,
    ).toBe(403);
    const w2 = await newWorld(t);
    expect(
      (await close(c.id, w2.manager.token, { reason: 'RC7', closedOn: TEST_TODAY })).status,
    ).toBe(404);
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
    const res = await close(kase.caseId, w.manager.token, { reason: 'RC7', closedOn: TEST_TODAY });
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

  it('migrates existing episodes from the timeline: recorded dates kept, unknown ones left unknown', async () => {
    const c = await newCase(t, w); // referral 2026-10-01 from 2A
    const [{ la }] = await sql<{ la: string }>(
      t,
      `SELECT local_authority_id AS la FROM case_record WHERE id = $1`,
      [c.id],
    );
    const event = (type: string, data: object) =>
      sql(
        t,
        `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary, data)
         VALUES ($1, $2, $3, $4, 'user', 'legacy', $5)`,
        [c.id, la, type, w.practitioner.id, data],
      );
    // A closure from before closedOn was recorded, a reopening from before it carried the
    // previous referral, then a closure and a reopening as recorded since.
    await event('case_closed', { reason: 'RC7' });
    await event('case_reopened', { reason: 'Back' });
    await event('case_closed', { reason: 'RC8', closedOn: '2027-01-10' });
    await event('case_reopened', {
      reason: 'Again',
      referral: { date: '2027-02-01', source: '1A' },
      previousReferral: { date: '2026-12-01', source: '3A' },
      previousClosure: { on: '2027-01-10', reason: 'RC8' },
    });
    await sql(
      t,
      `UPDATE case_record SET referral_date = '2027-02-01', referral_source = '1A' WHERE id = $1`,
      [c.id],
    );
    await sql(t, `DELETE FROM case_episode WHERE case_id = $1`, [c.id]);
    await sql(t, EPISODE_BACKFILL_SQL);
    expect(
      await sql(
        t,
        `SELECT seq, referral_date::text AS referral, referral_source AS source, closed,
                closed_on::text AS closed_on, closure_reason AS reason, primary_need_at_closure AS need
           FROM case_episode WHERE case_id = $1 ORDER BY seq`,
        [c.id],
      ),
    ).toEqual([
      {
        seq: 1,
        referral: '2026-10-01',
        source: '2A',
        closed: true,
        closed_on: null,
        reason: 'RC7',
        need: null,
      },
      {
        seq: 2,
        referral: '2026-12-01',
        source: '3A',
        closed: true,
        closed_on: '2027-01-10',
        reason: 'RC8',
        need: null,
      },
      {
        seq: 3,
        referral: '2027-02-01',
        source: '1A',
        closed: false,
        closed_on: null,
        reason: null,
        need: null,
      },
    ]);
  });

  it('practitioner: a referral more than 40 weeks before an unborn child is due is 400 referral.date; 40 weeks is accepted', async () => {
    const fam = await t
      .req()
      .post(`${API}/families`)
      .set(bearer(w.practitioner.token))
      .send({
        members: [
          {
            kind: 'child',
            firstName: 'Baby',
            lastName: 'Unborn',
            expectedDateOfBirth: '2027-09-01',
            sex: 'U',
          },
        ],
      });
    expect(fam.status).toBe(201);
    const body = (date: string) => ({
      familyId: fam.body.id,
      teamId: w.fhTeam.id,
      leadPractitionerId: w.practitioner.id,
      childIds: [fam.body.members[0].id],
      referral: { date, source: '3B' },
    });
    // 2027-09-01 minus 280 days is 2026-11-25.
    const early = await t
      .req()
      .post(`${API}/cases`)
      .set(bearer(w.practitioner.token))
      .send(body('2026-11-24'));
    expect([early.status, early.body.errors?.[0]?.field]).toEqual([400, 'referral.date']);
    expect(
      await sql(t, `SELECT 1 FROM case_child WHERE person_id = $1`, [fam.body.members[0].id]),
    ).toHaveLength(0);
    const ok = await t
      .req()
      .post(`${API}/cases`)
      .set(bearer(w.practitioner.token))
      .send(body('2026-11-25'));
    expect(ok.status).toBe(201);
  });
});
