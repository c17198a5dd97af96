import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newTeam,
  newUser,
  newWorld,
  TestUser,
  World,
  addTeamMember,
} from './utils/factories';
import { sql } from './utils/case.factories';
import {
  assignEcpp,
  caseInChildProtection,
  closeDb,
  decide,
  raiseConcern,
  seedCase,
  SeededCase,
} from './utils/cp.factories';

/**
 * Closure with authority (issue 26): a practitioner proposes, a family_help_manager of the
 * case's team authorises, the accountable ECPP agrees on a case ever co-worked; a case does not
 * close while its child-protection process is unfinished. Dates are fixed (TEST_TODAY 2027-04-30).
 */
describe('closing a case with authority', () => {
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

  const post = (path: string, who: TestUser, body: object = {}) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));
  const PROPOSAL = { reason: 'RC8', closedOn: '2026-11-30', primaryNeed: 'N4' };
  const proposals = async (caseId: string) =>
    (
      await sql(t, `SELECT count(*)::int AS n FROM closure_proposal WHERE case_id = $1`, [caseId])
    )[0].n;
  const stage = async (caseId: string) =>
    (await sql(t, `SELECT stage FROM case_record WHERE id = $1`, [caseId]))[0].stage;

  it('family_help_practitioner: a proposal while a s47 enquiry is open is 409 naming every reason, and writes nothing', async () => {
    const kase = await caseInChildProtection(t, w);
    const res = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner, {
      ...PROPOSAL,
      closedOn: '2027-01-05',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('concern_open');
    expect(res.body.reasons).toEqual(['concern_open', 's47_open']);
    expect(await proposals(kase.caseId)).toBe(0);
    expect(await stage(kase.caseId)).toBe('child_protection');
  });

  it('family_help_practitioner proposes, family_help_manager authorises: the case closes with the proposed closedOn', async () => {
    const kase = await seedCase(t, w);
    const proposed = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner, {
      ...PROPOSAL,
      note: 'Assessment complete; family supported by universal services.',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      closedOn: '2026-11-30',
      primaryNeed: 'N4',
      proposedById: w.practitioner.id,
      ecppAgreementRequired: false,
      authorisation: null,
    });
    expect(await stage(kase.caseId)).toBe('family_help');

    const done = await post(`/closure-proposals/${proposed.body.id}/authorisation`, w.manager);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed', authorisation: { byId: w.manager.id } });
    const c = await get(`/cases/${kase.caseId}`, w.manager);
    expect(c.body.stage).toBe('closed');
    expect(c.body.closure).toMatchObject({
      reason: 'RC8',
      closedOn: '2026-11-30',
      authorisedBy: w.manager.id,
    });
    const events = await sql(
      t,
      `SELECT type, data->>'closedOn' AS "closedOn" FROM case_event WHERE case_id = $1 ORDER BY at, id`,
      [kase.caseId],
    );
    expect(events.map((e) => e.type)).toEqual([
      'case_created',
      'closure_proposed',
      'closure_authorised',
      'case_closed',
    ]);
    expect(events[3].closedOn).toBe('2026-11-30');
    const again = await post(`/closure-proposals/${proposed.body.id}/authorisation`, w.manager);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('case_closed');
  });

  it.each([
    ['family_help_practitioner', (x: World) => x.practitioner],
    ['ecpp (not co-working)', (x: World) => x.ecpp],
    ['cp_manager', (x: World) => x.cpManager],
    ['family_help_practitioner of another team', (x: World) => x.otherPractitioner],
  ])('%s may not authorise a closure (403), and nothing changes', async (_role, who) => {
    const kase = await seedCase(t, w);
    const p = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner, PROPOSAL);
    const res = await post(`/closure-proposals/${p.body.id}/authorisation`, who(w));
    expect(res.status).toBe(403);
    expect(await stage(kase.caseId)).toBe('family_help');
    const row = await sql(t, `SELECT authorised_at FROM closure_proposal WHERE id = $1`, [
      p.body.id,
    ]);
    expect(row[0].authorised_at).toBeNull();
  });

  it('family_help_manager: authorising their own proposal is 403 self_authorisation', async () => {
    const kase = await seedCase(t, w);
    const p = await post(`/cases/${kase.caseId}/closure-proposals`, w.manager, PROPOSAL);
    expect(p.status).toBe(201);
    const res = await post(`/closure-proposals/${p.body.id}/authorisation`, w.manager);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('self_authorisation');
  });

  it('a proposal of another local authority is 404 to a manager', async () => {
    const other = await newWorld(t);
    const kase = await seedCase(t, other);
    const p = await post(`/cases/${kase.caseId}/closure-proposals`, other.practitioner, PROPOSAL);
    expect((await post(`/closure-proposals/${p.body.id}/authorisation`, w.manager)).status).toBe(
      404,
    );
    expect((await get(`/closure-proposals/${p.body.id}`, w.manager)).status).toBe(404);
  });

  it('family_help_manager: a concern raised after the proposal blocks its authorisation (409 concern_open)', async () => {
    const kase = await seedCase(t, w);
    const p = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner, PROPOSAL);
    await raiseConcern(t, w, kase, w.practitioner, '2026-12-01');
    const res = await post(`/closure-proposals/${p.body.id}/authorisation`, w.manager);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'concern_open', reasons: ['concern_open'] });
    expect(await stage(kase.caseId)).toBe('family_help');
  });

  it('on a case once co-worked: the manager authorises, the ECPP agrees, then it closes', async () => {
    const kase = await caseInChildProtection(t, w);
    await decide(t, kase, w.ecpp, { type: 'no_further_action', effectiveDate: '2027-01-05' });
    const p = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner, {
      ...PROPOSAL,
      closedOn: '2027-01-20',
    });
    expect(p.status).toBe(201);
    expect(p.body.ecppAgreementRequired).toBe(true);
    const authorised = await post(`/closure-proposals/${p.body.id}/authorisation`, w.manager);
    expect(authorised.body).toMatchObject({ status: 'proposed', ecppAgreement: null });
    expect(await stage(kase.caseId)).toBe('family_help');
    // Another ECPP (not co-working) may not agree.
    expect((await post(`/closure-proposals/${p.body.id}/agreement`, w.ecpp2)).status).toBe(403);
    const agreed = await post(`/closure-proposals/${p.body.id}/agreement`, w.ecpp);
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'closed', ecppAgreement: { byId: w.ecpp.id } });
    const c = await get(`/cases/${kase.caseId}`, w.practitioner);
    expect(c.body.closure).toMatchObject({ closedOn: '2027-01-20', authorisedBy: w.manager.id });
  });

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const kase = await seedCase(t, w);
    const cases: [object, string][] = [
      [{ ...PROPOSAL, closedOn: '2027-05-01' }, 'closedOn'],
      [{ ...PROPOSAL, closedOn: '2026-09-30' }, 'closedOn'],
      [{ ...PROPOSAL, reason: 'RC10' }, 'reason'],
      [{ reason: 'RC8', closedOn: '2026-11-30' }, 'primaryNeed'],
    ];
    for (const [body, field] of cases) {
      const res = await post(`/cases/${kase.caseId}/closure-proposals`, w.practitioner, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await proposals(kase.caseId)).toBe(0);
  });

  describe('closing at once (POST /cases/:id/close)', () => {
    it('family_help_practitioner: 403 (practitioners propose)', async () => {
      const kase = await seedCase(t, w);
      const res = await post(`/cases/${kase.caseId}/close`, w.practitioner, {
        reason: 'RC8',
        closedOn: '2027-04-30',
      });
      expect(res.status).toBe(403);
      expect(await stage(kase.caseId)).toBe('family_help');
    });

    it('family_help_manager: closes a case never co-worked, recorded as authorised by them', async () => {
      const kase = await seedCase(t, w);
      const res = await post(`/cases/${kase.caseId}/close`, w.manager, {
        reason: 'RC8',
        closedOn: '2026-11-02',
      });
      expect(res.status).toBe(200);
      expect(res.body.closure).toMatchObject({
        closedOn: '2026-11-02',
        authorisedBy: w.manager.id,
      });
    });

    it('family_help_manager: 409 ecpp_agreement_required on a case once co-worked', async () => {
      const kase = await caseInChildProtection(t, w);
      await decide(t, kase, w.ecpp, { type: 'no_further_action', effectiveDate: '2027-01-05' });
      const res = await post(`/cases/${kase.caseId}/close`, w.manager, {
        reason: 'RC8',
        closedOn: '2027-04-30',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ecpp_agreement_required');
    });
  });
});

describe('who may be the ECPP', () => {
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

  const assign = (kase: SeededCase, body: object) =>
    t
      .req()
      .post(`${API}/cases/${kase.caseId}/co-workers`)
      .set(bearer(w.cpManager.token))
      .send(body);
  const coWorkers = async (caseId: string) =>
    (await sql(t, `SELECT count(*)::int AS n FROM case_co_worker WHERE case_id = $1`, [caseId]))[0]
      .n;

  /** A user holding both family_help_practitioner and ecpp, a social worker in both teams. */
  async function dualRoleUser(): Promise<TestUser> {
    const u = await newUser(t, w.la.id, ['family_help_practitioner', 'ecpp']);
    for (const team of [w.fhTeam, w.cpTeam]) await addTeamMember(t, w.laAdmin, team.id, u.id);
    return u;
  }

  it("cp_manager: assigning the case's lead practitioner as its ECPP is 409 not_independent", async () => {
    const lead = await dualRoleUser();
    const kase = await seedCase(t, w, { lead });
    const res = await assign(kase, { userId: lead.id, assignedOn: '2026-10-02' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_independent');
    expect(await coWorkers(kase.caseId)).toBe(0);
  });

  it("cp_manager: a member of the case's Family Help team is 409 not_independent", async () => {
    const member = await dualRoleUser();
    const kase = await seedCase(t, w);
    const res = await assign(kase, { userId: member.id, assignedOn: '2026-10-02' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_independent');
  });

  it('cp_manager: an ECPP who is not a social worker of a child-protection team is 409 not_social_worker', async () => {
    const police = await newUser(t, w.la.id, ['ecpp']);
    await newTeam(t, w.laAdmin, 'child_protection', [{ user: police, profession: 'police' }]);
    const kase = await seedCase(t, w);
    const res = await assign(kase, { userId: police.id, assignedOn: '2026-10-02' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_social_worker');
  });

  it('cp_manager: one accountable ECPP at a time; a second is cover, dated from/to', async () => {
    const kase = await seedCase(t, w);
    const first = await assign(kase, { userId: w.ecpp.id, assignedOn: '2026-10-02' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'accountable', assignedOn: '2026-10-02', to: null });
    const second = await assign(kase, { userId: w.ecpp2.id, assignedOn: '2026-10-05' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'accountable_ecpp_exists',
      accountableUserId: w.ecpp.id,
    });
    const noEnd = await assign(kase, {
      userId: w.ecpp2.id,
      kind: 'cover',
      assignedOn: '2026-10-05',
    });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.errors[0].field).toBe('to');
    const cover = await assign(kase, {
      userId: w.ecpp2.id,
      kind: 'cover',
      assignedOn: '2026-10-05',
      to: '2026-10-20',
    });
    expect(cover.status).toBe(201);
    expect(cover.body).toMatchObject({ kind: 'cover', to: '2026-10-20' });
    expect(await coWorkers(kase.caseId)).toBe(2);
  });

  it('cp_manager: assignedOn in the future or before the referral is 400 naming assignedOn', async () => {
    const kase = await seedCase(t, w);
    for (const assignedOn of ['2027-05-01', '2026-09-01']) {
      const res = await assign(kase, { userId: w.ecpp.id, assignedOn });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('assignedOn');
    }
    expect(await coWorkers(kase.caseId)).toBe(0);
  });

  it('ecpp: a decision dated before their assignment is 400 naming effectiveDate', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase, w.ecpp, '2026-12-01');
    const res = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/decisions`)
      .set(bearer(w.ecpp.token))
      .send({
        type: 'start_section_47_enquiry',
        rationale: 'Strategy discussion agreed the threshold for a s47 enquiry is met.',
        childIds: kase.childIds,
        effectiveDate: '2026-11-20',
        strategyDiscussionDate: '2026-11-20',
      });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('effectiveDate');
  });

  it('ecpp on cover: records decisions only while the cover runs (403 cover_not_active after it)', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase, w.ecpp, '2026-10-02');
    const cover = await assign(kase, {
      userId: w.ecpp2.id,
      kind: 'cover',
      assignedOn: '2026-10-05',
      to: '2026-10-20',
    });
    expect(cover.status).toBe(201);
    const res = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/decisions`)
      .set(bearer(w.ecpp2.token))
      .send({
        type: 'start_section_47_enquiry',
        rationale: 'Strategy discussion agreed the threshold for a s47 enquiry is met.',
        childIds: kase.childIds,
        effectiveDate: '2026-10-10',
        strategyDiscussionDate: '2026-10-10',
      });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('cover_not_active');
    expect(await stage(kase.caseId)).toBe('family_help');
  });

  const stage = async (caseId: string) =>
    (await sql(t, `SELECT stage FROM case_record WHERE id = $1`, [caseId]))[0].stage;
});
