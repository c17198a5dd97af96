import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, TestUser, newWorld, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  caseInChildProtection,
  closeDb,
  convenedAndOnPlan,
  SeededCase,
} from './utils/cp.factories';

/**
 * The CP plan's content versioned by the core group (issue 26): `PUT /cases/:id/cp-plan` with
 * If-Match on the version in force; the core group is the one the latest conference named (the
 * lead practitioner and the accountable ECPP in these factories).
 */
describe("the child protection plan's content, versioned by the core group", () => {
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

  const content = (n: number) => ({
    outcomes: [`Outcome ${n}: the children are seen at school every day`],
    actions: [
      {
        action: 'Weekly home visits, the children seen alone',
        owner: { agency: 'social_care', userId: w.practitioner.id },
        dueBy: '2027-06-01',
      },
      {
        action: 'Health checks',
        owner: { agency: 'health', name: 'Health visitor' },
        dueBy: '2027-05-15',
      },
    ],
    contingency: 'Legal gateway meeting if the home conditions deteriorate again.',
  });
  const put = (kase: SeededCase, who: TestUser, ifMatch: string | null, body: object) => {
    const r = t.req().put(`${API}/cases/${kase.caseId}/cp-plan`).set(bearer(who.token));
    return (ifMatch === null ? r : r.set('If-Match', ifMatch)).send(body);
  };
  const versions = async (caseId: string) =>
    (await sql(t, `SELECT count(*)::int AS n FROM cp_plan_version WHERE case_id = $1`, [caseId]))[0]
      .n;

  async function onPlan(): Promise<SeededCase> {
    const kase = await caseInChildProtection(t, w);
    await convenedAndOnPlan(t, kase, w.ecpp, '2026-12-21', '2027-01-12', kase.childIds, w);
    return kase;
  }

  it.each([
    ['family_help_practitioner (lead, core group)', () => w.practitioner],
    ['ecpp (accountable, core group)', () => w.ecpp],
  ])(
    '%s: writes version 1 (If-Match "0"), then version 2; the version in force is the latest',
    async (_r, who) => {
      const kase = await onPlan();
      const none = await t
        .req()
        .get(`${API}/cases/${kase.caseId}/cp-plan`)
        .set(bearer(w.manager.token));
      expect([none.status, none.body.version, none.headers.etag]).toEqual([200, 0, '"0"']);
      const v1 = await put(kase, who(), '"0"', content(1));
      expect(v1.status).toBe(200);
      expect(v1.headers.etag).toBe('"1"');
      expect(v1.body).toMatchObject({
        version: 1,
        authoredById: who().id,
        outcomes: content(1).outcomes,
      });
      const stale = await put(kase, who(), '"0"', content(2));
      expect(stale.status).toBe(412);
      const v2 = await put(kase, who(), '"1"', content(2));
      expect([v2.status, v2.body.version]).toEqual([200, 2]);
      const inForce = await t
        .req()
        .get(`${API}/cases/${kase.caseId}/cp-plan`)
        .set(bearer(w.manager.token));
      expect([inForce.body.version, inForce.body.outcomes, inForce.headers.etag]).toEqual([
        2,
        content(2).outcomes,
        '"2"',
      ]);
      const all = await t
        .req()
        .get(`${API}/cases/${kase.caseId}/cp-plan/versions`)
        .set(bearer(w.practitioner.token));
      expect(all.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    },
  );

  it('family_help_practitioner (core group): without If-Match 428; a blank outcome 400; nothing written', async () => {
    const kase = await onPlan();
    expect((await put(kase, w.practitioner, null, content(1))).status).toBe(428);
    const blank = await put(kase, w.practitioner, '"0"', { ...content(1), outcomes: ['  '] });
    expect([blank.status, blank.body.errors?.[0]?.field]).toEqual([400, 'outcomes']);
    const badOwner = await put(kase, w.practitioner, '"0"', {
      ...content(1),
      actions: [{ action: 'x', owner: { agency: 'space' }, dueBy: '2027-05-01' }],
    });
    expect(badOwner.status).toBe(400);
    expect(await versions(kase.caseId)).toBe(0);
  });

  it.each([
    ['family_help_manager (not in the core group)', 403, () => w.manager],
    ['cp_manager', 403, () => w.cpManager],
    ['conference_chair', 403, () => w.chair],
    ['family_help_practitioner of another team', 403, () => w.otherPractitioner],
  ])('%s may not write the plan (%i); nothing written', async (_r, status, who) => {
    const kase = await onPlan();
    const res = await put(kase, who(), '"0"', content(1));
    expect(res.status).toBe(status);
    expect(await versions(kase.caseId)).toBe(0);
  });

  it('ecpp (co-working): no child on a plan is 409 no_cp_plan', async () => {
    const kase = await caseInChildProtection(t, w);
    const res = await put(kase, w.ecpp, '"0"', content(1));
    expect([res.status, res.body.code]).toEqual([409, 'no_cp_plan']);
  });
});
