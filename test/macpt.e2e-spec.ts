import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newTeam, newUser, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import { assignEcpp, closeDb, raiseConcern, RATIONALE, seedCase } from './utils/cp.factories';
import { concludedDiscussion, scheduleDiscussion } from './utils/macpt.factories';

describe('MACPT: membership by agency and statutory role; the macpt_member role reads a case only while its team’s work is open', () => {
  let t: TestApp;
  let w: World;
  let police: TestUser;
  let health: TestUser;
  let education: TestUser;
  let otherTeamPolice: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [police, health, education, otherTeamPolice] = await Promise.all([
      newUser(t, w.la.id, ['macpt_member'], { agency: 'police', name: 'DC Sam Hollis' }),
      newUser(t, w.la.id, ['macpt_member'], { agency: 'health', name: 'Health visitor' }),
      newUser(t, w.la.id, ['macpt_member'], { agency: 'education', name: 'Nursery DSL' }),
      newUser(t, w.la.id, ['macpt_member'], { agency: 'police', name: 'DS Other' }),
    ]);
    const otherCp = await newTeam(t, w.laAdmin, 'child_protection');
    await addMember(otherCp.id, otherTeamPolice, 'police', 'police');
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const req = (method: 'get' | 'post' | 'put' | 'delete', path: string, who: TestUser) =>
    t.req()[method](`${API}${path}`).set(bearer(who.token));
  async function addMember(teamId: string, u: TestUser, agency: string, statutoryRole: string) {
    const res = await req('post', `/teams/${teamId}/members`, w.laAdmin).send({
      userId: u.id,
      profession:
        agency === 'health' ? 'health_visitor' : agency === 'police' ? 'police' : 'education',
      agency,
      statutoryRole,
      from: '2026-11-01',
    });
    expect(res.status).toBe(201);
  }
  const macpt = async () => (await req('get', `/teams/${w.cpTeam.id}/macpt`, w.cpManager)).body;

  it('la_admin: a team is incomplete, naming what is missing, until all four core roles are present', async () => {
    expect(await macpt()).toMatchObject({
      status: 'incomplete',
      missing: ['social_worker', 'police', 'health', 'education'],
    });
    await addMember(w.cpTeam.id, police, 'police', 'police');
    await addMember(w.cpTeam.id, health, 'health', 'health');
    expect((await macpt()).missing).toEqual(['social_worker', 'education']);
    const sw = await req('put', `/teams/${w.cpTeam.id}/members/${w.ecpp.id}`, w.laAdmin).send({
      agency: 'social_care',
      statutoryRole: 'social_worker',
    });
    expect(sw.status).toBe(200);
    expect(sw.body).toMatchObject({ status: 'incomplete', missing: ['education'] });
    await addMember(w.cpTeam.id, education, 'education', 'education');
    const done = await macpt();
    expect(done).toMatchObject({ status: 'constituted', missing: [] });
    expect(done.members.map((m: { statutoryRole: string }) => m.statutoryRole).sort()).toEqual([
      'education',
      'health',
      'police',
      'social_worker',
    ]);
  });

  it.each([
    [
      'MACPT fields on a family_help team',
      'fh',
      { agency: 'police', statutoryRole: 'police' },
      400,
    ],
    ['agency without statutoryRole', 'cp', { agency: 'police' }, 400],
    [
      'a membership dated in the future',
      'cp',
      { agency: 'police', statutoryRole: 'police', from: '2027-06-01' },
      400,
    ],
  ])('la_admin: refuses %s → %i, nothing written', async (_w, team, extra, status) => {
    const u = await newUser(t, w.la.id, ['macpt_member'], { agency: 'police' });
    const teamId = team === 'fh' ? w.fhTeam.id : w.cpTeam.id;
    const res = await req('post', `/teams/${teamId}/members`, w.laAdmin).send({
      userId: u.id,
      profession: 'police',
      ...extra,
    });
    expect(res.status).toBe(status);
    expect(await sql(t, `SELECT 1 FROM team_member WHERE user_id = $1`, [u.id])).toHaveLength(0);
  });

  it.each([
    ['ecpp', (x: World) => x.ecpp],
    ['cp_manager', (x: World) => x.cpManager],
    ['family_help_manager', (x: World) => x.manager],
  ])('%s may not set MACPT membership (403)', async (_r, who) => {
    const res = await req('put', `/teams/${w.cpTeam.id}/members/${police.id}`, who(w)).send({
      agency: 'police',
      statutoryRole: 'police',
    });
    expect(res.status).toBe(403);
  });

  it('macpt_member (police, health; another team’s police): reads the case only while its team’s discussion or s47 is open; contributes; never decides', async () => {
    const kase = await seedCase(t, w);
    const concern = await raiseConcern(t, w, kase, w.practitioner, '2026-12-15');
    await assignEcpp(t, w, kase);
    const read = async (who: TestUser) => (await req('get', `/cases/${kase.caseId}`, who)).status;
    expect(await read(police)).toBe(404);

    const d = await scheduleDiscussion(t, kase, w.ecpp, [concern.id]);
    expect(d.teamId).toBe(w.cpTeam.id);
    expect(await read(police)).toBe(200);
    expect(await read(health)).toBe(200);
    expect(await read(otherTeamPolice)).toBe(404);
    expect((await req('get', `/strategy-discussions/${d.id}`, police)).status).toBe(200);
    const listed = await req('get', '/cases?limit=200', police);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([kase.caseId]);

    const contributed = await req(
      'post',
      `/strategy-discussions/${d.id}/contributions`,
      police,
    ).send({
      summary: 'No previous police involvement with the household.',
    });
    expect(contributed.status).toBe(200);
    expect(contributed.body.contributions).toContainEqual({
      agency: 'police',
      summary: 'No previous police involvement with the household.',
      userId: police.id,
    });
    const foreign = await req(
      'post',
      `/strategy-discussions/${d.id}/contributions`,
      otherTeamPolice,
    ).send({
      summary: 'Trying to add to another team’s discussion.',
    });
    expect(foreign.status).toBe(404);
    const decides = await req('post', `/cases/${kase.caseId}/decisions`, police).send({
      type: 'no_further_action',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect(decides.status).toBe(403);
    const runs = await req('post', `/strategy-discussions/${d.id}/cancel`, police).send({
      reason: 'A member may not cancel the discussion.',
    });
    expect(runs.status).toBe(403);
    expect((await req('get', `/families/${kase.familyId}`, police)).status).toBe(403);

    // Cancelled: nothing of the team's is open on the case any more.
    await req('post', `/strategy-discussions/${d.id}/cancel`, w.ecpp).send({
      reason: 'Re-booked as a meeting with the GP present.',
    });
    expect(await read(police)).toBe(404);

    // Concluded with a s47 enquiry, cited: open while the enquiry is; closed by no further action.
    const concluded = await concludedDiscussion(t, kase, w.ecpp, [concern.id], '2026-12-16');
    expect(await read(police)).toBe(200);
    const s47 = await req('post', `/cases/${kase.caseId}/decisions`, w.ecpp).send({
      type: 'start_section_47_enquiry',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-17',
      strategyDiscussionId: concluded.id,
    });
    expect(s47.status).toBe(201);
    expect(await read(police)).toBe(200);
    const nfa = await req('post', `/cases/${kase.caseId}/decisions`, w.ecpp).send({
      type: 'no_further_action',
      rationale: RATIONALE,
      childIds: kase.childIds,
      effectiveDate: '2026-12-18',
    });
    expect(nfa.status).toBe(201);
    expect(await read(police)).toBe(404);
    expect((await req('get', `/strategy-discussions/${concluded.id}`, police)).status).toBe(404);
  });

  it('la_admin ends a membership: the member loses access at once; the history is kept', async () => {
    const kase = await seedCase(t, w);
    const concern = await raiseConcern(t, w, kase, w.practitioner, '2026-12-15');
    await assignEcpp(t, w, kase);
    await scheduleDiscussion(t, kase, w.ecpp, [concern.id]);
    expect((await req('get', `/cases/${kase.caseId}`, health)).status).toBe(200);
    const ended = await req(
      'delete',
      `/teams/${w.cpTeam.id}/members/${health.id}?on=2026-12-20`,
      w.laAdmin,
    );
    expect(ended.status).toBe(204);
    expect((await req('get', `/cases/${kase.caseId}`, health)).status).toBe(404);
    expect(await macpt()).toMatchObject({ status: 'incomplete', missing: ['health'] });
    const history = await sql(
      t,
      `SELECT statutory_role, to_date::text AS to FROM team_member_history WHERE user_id = $1`,
      [health.id],
    );
    expect(history).toEqual([{ statutory_role: 'health', to: '2026-12-20' }]);
    const again = await req('delete', `/teams/${w.cpTeam.id}/members/${health.id}`, w.laAdmin);
    expect(again.status).toBe(404);
  });
});
