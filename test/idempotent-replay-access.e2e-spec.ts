import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, World } from './utils/factories';
import { caseInChildProtection, closeDb, db, RATIONALE, seedCase } from './utils/cp.factories';
import { fnpBody, newNetworkMember } from './utils/plan.factories';

/** Finding 4e: a replayed Idempotency-Key answer re-checks that the caller may still do what
 * the key did; after access ends the replay is a 404/403 like a fresh request, never the kept
 * 201 (which would show the record to someone who may no longer see it). */
describe('finding 4e: an idempotent replay re-checks access', () => {
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

  it('an ECPP whose co-working ended replays a decision key → 403/404, not the kept 201', async () => {
    const kase = await caseInChildProtection(t, w);
    const key = randomUUID();
    const body = {
      type: 'convene_initial_cp_conference',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-21',
      conferenceDate: '2027-01-08',
    };
    const post = () =>
      t
        .req()
        .post(`${API}/cases/${kase.caseId}/decisions`)
        .set(bearer(w.ecpp.token))
        .set('Idempotency-Key', key)
        .send(body);
    const first = await post();
    expect(first.status).toBe(201);
    const again = await post();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const ended = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/co-workers/${w.ecpp.id}/end`)
      .set(bearer(w.cpManager.token))
      .send({ reason: 'Reallocated to another ECPP' });
    expect(ended.status).toBe(200);

    const after = await post();
    expect([403, 404]).toContain(after.status);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(JSON.stringify(after.body)).not.toContain(first.body.id);
  });

  it('a team practitioner who writes a note, then loses sight of the case (restricted), replays the key → 404', async () => {
    const member = await newUser(t, w.la.id, ['family_help_practitioner']);
    const add = await t
      .req()
      .post(`${API}/teams/${w.fhTeam.id}/members`)
      .set(bearer(w.laAdmin.token))
      .send({ userId: member.id, profession: 'family_support_worker' });
    expect(add.status).toBe(201);
    const kase = await seedCase(t, w);
    const key = randomUUID();
    const post = () =>
      t
        .req()
        .post(`${API}/cases/${kase.caseId}/notes`)
        .set(bearer(member.token))
        .set('Idempotency-Key', key)
        .send({ body: 'Visited the family; the children were seen.' });
    const first = await post();
    expect(first.status).toBe(201);
    expect((await post()).headers['idempotent-replayed']).toBe('true');

    const etag = (await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(w.manager.token)))
      .headers.etag as string;
    const restricted = await t
      .req()
      .patch(`${API}/cases/${kase.caseId}`)
      .set(bearer(w.manager.token))
      .set('If-Match', etag)
      .send({ restricted: true });
    expect(restricted.status).toBe(200);
    expect(
      (await t.req().get(`${API}/cases/${kase.caseId}`).set(bearer(member.token))).status,
    ).toBe(404);

    const after = await post();
    expect(after.status).toBe(404);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(JSON.stringify(after.body)).not.toContain(first.body.id);
  });

  it('a replay on a plan route re-checks access: a team practitioner who drafted a Family Network Plan with a key, then lost sight of the case (restricted), replays the draft → 404, never the kept answer (and the plan reads 404)', async () => {
    const member = await newUser(t, w.la.id, ['family_help_practitioner']);
    const add = await t
      .req()
      .post(`${API}/teams/${w.fhTeam.id}/members`)
      .set(bearer(w.laAdmin.token))
      .send({ userId: member.id, profession: 'family_support_worker' });
    expect(add.status).toBe(201);
    const kase = await seedCase(t, w);
    const carer = await newNetworkMember(t, member, kase.familyId);
    const key = randomUUID();
    const draft = () =>
      t
        .req()
        .post(`${API}/cases/${kase.caseId}/family-network-plans`)
        .set(bearer(member.token))
        .set('Idempotency-Key', key)
        .send(fnpBody(kase, carer));
    const first = await draft();
    expect(first.status).toBe(201);
    expect((await draft()).headers['idempotent-replayed']).toBe('true');
    const plan = () =>
      t.req().get(`${API}/family-network-plans/${first.body.id}`).set(bearer(member.token));
    expect((await plan()).status).toBe(200);

    await (
      await db(t)
    ).query(`UPDATE case_record SET restricted = true WHERE id = $1`, [kase.caseId]);
    const after = await draft();
    expect(after.status).toBe(404);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(JSON.stringify(after.body)).not.toContain(first.body.id);
    expect((await plan()).status).toBe(404);
  });
});
