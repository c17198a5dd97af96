import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  approveAsPlatform,
  bearer,
  newUser,
  newWorld,
  TestUser,
  World,
} from './utils/factories';
import { sql } from './utils/case.factories';
import {
  assignEcpp,
  closeDb,
  decide,
  raiseConcern,
  seedCase,
  SeededCase,
} from './utils/cp.factories';
import { scheduleDiscussion } from './utils/macpt.factories';

/**
 * Agency reports to a child protection conference (issue 26): MACPT members of the case's
 * child-protection team report for their agency while its work on the case is open; the case's
 * own staff report for social care; readers of the case and the conference's chair read them.
 */
describe('agency reports to a conference', () => {
  let t: TestApp;
  let w: World;
  let police: TestUser;
  let strangerPolice: TestUser;
  let partner: TestUser;
  let otherChair: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [police, strangerPolice, partner, otherChair] = await Promise.all([
      newUser(t, w.la.id, ['macpt_member'], { agency: 'police', name: 'DC Sam Hollis' }),
      newUser(t, w.la.id, ['macpt_member'], { agency: 'police', name: 'DS Elsewhere' }),
      newUser(t, w.la.id, ['partner'], { agency: 'health', name: 'GP' }),
      newUser(t, w.la.id, ['conference_chair']),
    ]);
    const res = await t
      .req()
      .post(`${API}/teams/${w.cpTeam.id}/members`)
      .set(bearer(w.laAdmin.token))
      .send({
        userId: police.id,
        profession: 'police',
        agency: 'police',
        statutoryRole: 'police',
        from: '2026-11-01',
      });
    expect(res.status).toBe(202);
    await approveAsPlatform(t, res.body.id as string);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, who: TestUser, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));
  const report = (agency: string, recommendation = 'plan') => ({
    agency,
    summary: `${agency} report: concerns about supervision at home.`,
    recommendation,
  });

  /** A case in child protection, its strategy discussion open for the MACPT, an initial
   * conference scheduled. */
  async function conference(): Promise<{ kase: SeededCase; id: string }> {
    const kase = await seedCase(t, w);
    const concern = await raiseConcern(t, w, kase, w.practitioner, '2026-12-15');
    await assignEcpp(t, w, kase);
    await scheduleDiscussion(t, kase, w.ecpp, [concern.id]);
    await decide(t, kase, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
    });
    await decide(t, kase, w.ecpp, {
      type: 'convene_initial_cp_conference',
      effectiveDate: '2026-12-21',
      conferenceDate: '2027-01-12',
    });
    const k = await post(`/cases/${kase.caseId}/conferences`, w.cpManager, {
      type: 'initial',
      childIds: kase.childIds,
      scheduledFor: '2027-01-12T10:00:00Z',
      chairId: w.chair.id,
    });
    expect(k.status).toBe(201);
    return { kase, id: k.body.id };
  }
  const reports = async (id: string) =>
    (
      await sql(t, `SELECT count(*)::int AS n FROM cp_conference_report WHERE conference_id = $1`, [
        id,
      ])
    )[0].n;

  it.each([
    ['macpt_member (police, of the case’s team)', 'police', () => police],
    ['family_help_practitioner', 'social_care', () => w.practitioner],
    ['family_help_manager', 'social_care', () => w.manager],
    ['ecpp (co-working)', 'social_care', () => w.ecpp],
  ])(
    '%s: submits a %s report once; the chair and the case staff read it',
    async (_r, agency, who) => {
      const { kase, id } = await conference();
      const res = await post(`/conferences/${id}/reports`, who(), report(agency));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        conferenceId: id,
        agency,
        authorId: who().id,
        recommendation: 'plan',
      });
      const again = await post(`/conferences/${id}/reports`, who(), report(agency, 'no_plan'));
      expect([again.status, again.body.code]).toEqual([409, 'report_already_submitted']);
      for (const reader of [w.chair, w.practitioner, w.ecpp]) {
        const listed = await get(`/conferences/${id}/reports`, reader);
        expect(listed.status).toBe(200);
        expect(listed.body.data.map((r: { agency: string }) => r.agency)).toEqual([agency]);
      }
      const timeline = await sql(
        t,
        `SELECT data->>'agency' AS agency FROM case_event WHERE case_id = $1 AND type = 'conference_report_submitted'`,
        [kase.caseId],
      );
      expect(timeline).toEqual([{ agency }]);
    },
  );

  it.each([
    ['macpt_member reporting for another agency', () => police, 'health'],
    ['macpt_member reporting for social care', () => police, 'social_care'],
    ['family_help_practitioner reporting for police', () => w.practitioner, 'police'],
  ])('%s: 400 on agency; nothing written', async (_r, who, agency) => {
    const { id } = await conference();
    const res = await post(`/conferences/${id}/reports`, who(), report(agency));
    expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'agency']);
    expect(await reports(id)).toBe(0);
  });

  it.each([
    ['cp_manager', 403, () => w.cpManager],
    ['conference_chair (its own chair: records, does not report)', 403, () => w.chair],
    [
      'partner (nothing shared with them: the conference is not theirs to know)',
      404,
      () => partner,
    ],
    ['macpt_member of no team on the case', 404, () => strangerPolice],
    ['conference_chair of other conferences (no reporting role)', 403, () => otherChair],
    ['family_help_practitioner of another team', 403, () => w.otherPractitioner],
  ])('%s may not submit a report (%i); nothing written', async (_r, status, who) => {
    const { id } = await conference();
    const res = await post(`/conferences/${id}/reports`, who(), report('health'));
    expect(res.status).toBe(status);
    expect(await reports(id)).toBe(0);
  });

  it('conference_chair of other conferences and a macpt_member of no team may not read the reports (404)', async () => {
    const { id } = await conference();
    expect((await post(`/conferences/${id}/reports`, police, report('police'))).status).toBe(201);
    expect((await get(`/conferences/${id}/reports`, otherChair)).status).toBe(404);
    expect((await get(`/conferences/${id}/reports`, strangerPolice)).status).toBe(404);
    expect((await get(`/conferences/${id}/reports`, police)).status).toBe(200);
  });
});
