import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  caseInChildProtection,
  closeDb,
  concludedConference,
  decide,
  SeededCase,
} from './utils/cp.factories';

/**
 * Conference integration events (issue 26), written in the conference's transaction with ids,
 * codes and dates only; and the quorum as local policy (`conferenceQuorumOtherAgencies`).
 */
describe('conference events and a configurable quorum', () => {
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

  const post = (path: string, who: TestUser, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  async function setQuorum(who: TestUser, n: number) {
    const la = await t
      .req()
      .get(`${API}/local-authorities/${w.la.id}`)
      .set(bearer(w.laAdmin.token));
    return t
      .req()
      .patch(`${API}/local-authorities/${w.la.id}/settings`)
      .set(bearer(who.token))
      .set('If-Match', la.headers.etag as string)
      .send({ conferenceQuorumOtherAgencies: n });
  }
  async function convened(): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w);
    await decide(t, kase, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2026-12-21',
      conferenceDate: '2027-01-12',
    });
    return kase;
  }
  const events = async (caseId: string) =>
    sql<{ type: string; data: Record<string, unknown> }>(
      t,
      `SELECT type, data FROM integration_event
        WHERE data->>'caseId' = $1 AND type LIKE 'conference.%' ORDER BY seq`,
      [caseId],
    );

  it('conference_chair: scheduling, holding and concluding announce conference events, with no text', async () => {
    const kase = await convened();
    const k = await concludedConference(t, w, kase, {
      type: 'initial',
      heldOn: '2027-01-12',
      plan: 'start',
    });
    const got = await events(kase.caseId);
    expect(got.map((e) => e.type)).toEqual([
      'conference.scheduled',
      'conference.held',
      'conference.concluded',
    ]);
    expect(got[1].data).toEqual({
      caseId: kase.caseId,
      conferenceId: k.id,
      type: 'initial',
      heldOn: '2027-01-12',
      quorate: true,
    });
    expect(got[2].data).toMatchObject({
      conferenceId: k.id,
      children: kase.childIds.map((childId) => ({ childId, plan: 'start', category: 'NEG' })),
    });
    const text = JSON.stringify(got);
    expect(text).not.toContain('Visits, core group');
    expect(text).not.toContain('Legal gateway');
  });

  it.each([
    ['cp_manager', () => w.cpManager],
    ['family_help_manager', () => w.manager],
    ['conference_chair', () => w.chair],
  ])('%s may not change the quorum (403)', async (_r, who) => {
    expect((await setQuorum(who(), 1)).status).toBe(403);
  });

  it('la_admin: 0 or 7 other agencies is 400 naming the field', async () => {
    for (const n of [0, 7]) {
      const res = await setQuorum(w.laAdmin, n);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([
        400,
        'conferenceQuorumOtherAgencies',
      ]);
    }
  });

  it('la_admin sets the quorum to three other agencies: the chair’s conference with two is not quorate and cannot decide; back to one, two suffice', async () => {
    const set = await setQuorum(w.laAdmin, 3);
    expect([set.status, set.body.conferenceQuorumOtherAgencies]).toEqual([200, 3]);
    const kase = await convened();
    const k = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
      type: 'initial',
      childIds: kase.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: w.chair.id,
    });
    expect(k.status).toBe(201);
    const held = await post(`/conferences/${k.body.id}/held`, w.chair, {
      heldOn: '2027-01-12',
      attendance: [
        { agency: 'social_care', name: 'Social worker', attended: true },
        { agency: 'police', name: 'Police', attended: true },
        { agency: 'health', name: 'Health visitor', attended: true },
      ],
      parents: { attended: true, advocatePresent: false },
    });
    expect([held.status, held.body.quorate]).toEqual([200, false]);
    const outcome = await post(`/conferences/${k.body.id}/outcome`, w.chair, {
      children: kase.childIds.map((childId) => ({ childId, plan: 'none' })),
      outlinePlan: '',
      contingency: '',
      coreGroup: [],
      dissent: [],
    });
    expect([outcome.status, outcome.body.code]).toEqual([409, 'conference_not_quorate']);

    expect((await setQuorum(w.laAdmin, 1)).status).toBe(200);
    const second = await convened();
    const k2 = await post(`/cases/${second.caseId}/conferences`, w.cpManager, {
      type: 'initial',
      childIds: second.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: w.chair.id,
    });
    const held2 = await post(`/conferences/${k2.body.id}/held`, w.chair, {
      heldOn: '2027-01-12',
      attendance: [
        { agency: 'social_care', name: 'Social worker', attended: true },
        { agency: 'police', name: 'Police', attended: true },
      ],
      parents: { attended: true, advocatePresent: false },
    });
    expect([held2.status, held2.body.quorate]).toEqual([200, true]);
    expect((await setQuorum(w.laAdmin, 2)).status).toBe(200);
  });
});
