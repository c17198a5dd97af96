/**
 * A share lives no longer than its plan, and belongs to the agency its partner is in now: a
 * plan that ends ends its shares; a partner who changes agency, or stops being a partner, loses
 * every share at once (each re-shared, with a lawful basis, for the agency they are in now).
 */
import { closeDb, seedCase, SeededCase } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import {
  addAction,
  coWorkedCase,
  draftFnp,
  LONG_RATIONALE,
  newNetworkMember,
  newPartner,
  PAST,
  share,
  startCsp,
} from './utils/plan.factories';

describe('share lifetime: shares end with their plan and follow the partner', () => {
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

  const get = (who: TestUser, path: string) => t.req().get(`${API}${path}`).set(bearer(who.token));

  async function patchUser(id: string, body: Record<string, unknown>) {
    const u = await get(w.laAdmin, `/users/${id}`);
    const res = await t
      .req()
      .patch(`${API}/users/${id}`)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', u.headers.etag as string)
      .send(body);
    expect(res.status).toBe(200);
  }

  async function shareRow(by: TestUser, path: string, partnerId: string) {
    const res = await get(by, `${path}/partners`);
    expect(res.status).toBe(200);
    return (res.body.data as { withUserId: string; endedAt: string | null }[]).filter(
      (s) => s.withUserId === partnerId,
    );
  }

  it('a Community Safety Plan that ends ends its shares: the partner gets 404, staff still read it', async () => {
    const kase = await coWorkedCase(t, w, 1);
    const plan = await startCsp(t, w, kase);
    const path = `/community-safety-plans/${plan.id}`;
    const police = await newPartner(t, w.la.id, 'police');
    await share(t, w.ecpp, path, police, 'children_act_1989_s47');
    expect((await get(police, path)).status).toBe(200);

    const ended = await t
      .req()
      .post(`${API}${path}/end`)
      .set(bearer(w.ecpp.token))
      .send({ rationale: LONG_RATIONALE });
    expect(ended.status).toBe(200);

    expect((await get(police, path)).status).toBe(404);
    expect((await get(police, '/partner/shared')).body.data).toEqual([]);
    expect((await get(w.ecpp, path)).status).toBe(200);
    expect(await shareRow(w.manager, path, police.id)).toEqual([
      expect.objectContaining({
        endedAt: expect.any(String),
        endedById: null,
        endReason: 'plan_ended',
      }),
    ]);
  });

  it('a Family Network Plan that ends ends its shares: the partner gets 404', async () => {
    const kase: SeededCase = await seedCase(t, w, { referralDate: PAST.referral });
    const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    const plan = await draftFnp(t, w, kase, carer);
    const path = `/family-network-plans/${plan.id}`;
    const health = await newPartner(t, w.la.id, 'health');
    await share(t, w.practitioner, path, health, 'consent');
    expect((await get(health, path)).status).toBe(200);

    const ended = await t
      .req()
      .post(`${API}${path}/end`)
      .set(bearer(w.practitioner.token))
      .send({ reason: 'The family no longer needs the support' });
    expect(ended.status).toBe(200);

    expect((await get(health, path)).status).toBe(404);
    expect(await shareRow(w.manager, path, health.id)).toEqual([
      expect.objectContaining({ endReason: 'plan_ended', endedById: null }),
    ]);
  });

  it("a partner who changes agency loses the old agency's shares at once (404), and is re-shared for the new one", async () => {
    const kase = await coWorkedCase(t, w, 1);
    const plan = await startCsp(t, w, kase);
    const path = `/community-safety-plans/${plan.id}`;
    const officer = await newPartner(t, w.la.id, 'police');
    const action = await addAction(t, w.ecpp, plan.id, 'police');
    await share(t, w.ecpp, path, officer, 'children_act_1989_s47');
    expect((await get(officer, path)).status).toBe(200);

    await patchUser(officer.id, { agency: 'housing' });

    // No read, and no update of the police action, for someone no longer in the police.
    expect((await get(officer, path)).status).toBe(404);
    const upd = await t
      .req()
      .patch(`${API}${path}/actions/${action.id}`)
      .set(bearer(officer.token))
      .set('If-Match', `"${action.version}"`)
      .send({ status: 'done' });
    expect(upd.status).toBe(404);
    expect(await shareRow(w.manager, path, officer.id)).toEqual([
      expect.objectContaining({ agency: 'police', endReason: 'agency_changed', endedById: null }),
    ]);

    // Shared again, the share names the agency the partner is in now.
    const again = await share(t, w.ecpp, path, officer, 'consent');
    expect(again).toMatchObject({ agency: 'housing', endedAt: null, endReason: null });
    expect((await get(officer, path)).status).toBe(200);
  });

  it('a user who stops being a partner loses every share at once (404)', async () => {
    const kase = await coWorkedCase(t, w, 1);
    const plan = await startCsp(t, w, kase);
    const path = `/community-safety-plans/${plan.id}`;
    const partner = await newPartner(t, w.la.id, 'education');
    await share(t, w.ecpp, path, partner, 'consent');
    expect((await get(partner, path)).status).toBe(200);

    await patchUser(partner.id, { roles: ['macpt_member'] });

    // Its new role reads no plan (403), and no share is left to open one if it ever did.
    expect((await get(partner, path)).status).toBe(403);
    expect(await shareRow(w.manager, path, partner.id)).toEqual([
      expect.objectContaining({ endReason: 'partner_removed', endedById: null }),
    ]);
  });

  it('a change that keeps the agency and the partner role leaves the shares alone', async () => {
    const kase = await coWorkedCase(t, w, 1);
    const plan = await startCsp(t, w, kase);
    const path = `/community-safety-plans/${plan.id}`;
    const partner = await newPartner(t, w.la.id, 'health');
    await share(t, w.ecpp, path, partner, 'consent');
    await patchUser(partner.id, { name: 'Dr Renamed', agency: 'health' });
    expect((await get(partner, path)).status).toBe(200);
    expect(await shareRow(w.manager, path, partner.id)).toEqual([
      expect.objectContaining({ endedAt: null, endReason: null }),
    ]);
  });
});
