/**
 * Story (c): every share of a plan or meeting with a partner, and its end, is an
 * information-sharing record — listed by child and case for auditors and the case's managers,
 * in the audit trail, and in the child access report. Partner views of a Family Network Plan and
 * an FGDM meeting carry only the record's own content.
 */
import { closeDb, SeededCase } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import {
  coWorkedCase,
  draftFnp,
  newNetworkMember,
  newPartner,
  PAST,
  share,
  startCsp,
} from './utils/plan.factories';

describe('information-sharing records', () => {
  let t: TestApp;
  let w: World;
  let kase: SeededCase;
  let police: TestUser;
  let health: TestUser;
  let otherTeamManager: TestUser;
  const ids = { csp: '', fnp: '', fgdm: '', otherCsp: '' };

  const get = (who: TestUser, path: string) => t.req().get(`${API}${path}`).set(bearer(who.token));

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    [police, health, otherTeamManager] = await Promise.all([
      newPartner(t, w.la.id, 'police'),
      newPartner(t, w.la.id, 'health'),
      newUser(t, w.la.id, ['family_help_manager']),
    ]);
    await t
      .req()
      .post(`${API}/teams/${w.otherFhTeam.id}/members`)
      .set(bearer(w.laAdmin.token))
      .send({ userId: otherTeamManager.id, profession: 'manager' })
      .expect(201);
    kase = await coWorkedCase(t, w, 2);
    const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    ids.csp = (await startCsp(t, w, kase, kase.childIds[0])).id;
    ids.otherCsp = (await startCsp(t, w, kase, kase.childIds[1])).id;
    ids.fnp = (await draftFnp(t, w, kase, carer)).id;
    const meeting = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/fgdm-meetings`)
      .set(bearer(w.practitioner.token))
      .send({
        date: PAST.meeting,
        coordinator: 'Independent coordinator',
        childIds: [kase.childIds[0]],
        attendees: { familyMemberIds: kase.childIds, networkMemberIds: [carer] },
        familyPlan: 'Grandmother helps.',
      })
      .expect(201);
    ids.fgdm = meeting.body.id;

    await share(t, w.ecpp, `/community-safety-plans/${ids.csp}`, police, 'children_act_1989_s47');
    await share(t, w.practitioner, `/family-network-plans/${ids.fnp}`, health, 'consent');
    await share(
      t,
      w.practitioner,
      `/fgdm-meetings/${ids.fgdm}`,
      health,
      'uk_gdpr_6_1_e_public_task',
    );
    await share(
      t,
      w.ecpp,
      `/community-safety-plans/${ids.otherCsp}`,
      health,
      'dpa_2018_sch1_safeguarding',
    );
    await t
      .req()
      .delete(`${API}/community-safety-plans/${ids.otherCsp}/partners/${health.id}`)
      .set(bearer(w.ecpp.token))
      .expect(200);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  it('the auditor lists every share of the case, with its end', async () => {
    const res = await get(w.auditor, `/information-sharing?caseId=${kase.caseId}`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const rows = res.body.data.map((r: Record<string, unknown>) => [
      r.recordType,
      r.recordId,
      r.withUserId,
      r.agency,
      r.lawfulBasis,
      !!r.endedAt,
    ]);
    expect(rows).toEqual([
      ['community_safety_plan', ids.csp, police.id, 'police', 'children_act_1989_s47', false],
      ['family_network_plan', ids.fnp, health.id, 'health', 'consent', false],
      ['fgdm_meeting', ids.fgdm, health.id, 'health', 'uk_gdpr_6_1_e_public_task', false],
      [
        'community_safety_plan',
        ids.otherCsp,
        health.id,
        'health',
        'dpa_2018_sch1_safeguarding',
        true,
      ],
    ]);
    expect(res.body.data[0]).toMatchObject({
      at: expect.any(String),
      sharedById: w.ecpp.id,
      what: expect.stringContaining('Child Community Safety Plan'),
      caseId: kase.caseId,
      childIds: [kase.childIds[0]],
    });
    expect(res.body.data[3]).toMatchObject({ endedById: w.ecpp.id, endedAt: expect.any(String) });
  });

  it('lists by child, and pages with a cursor', async () => {
    const byChild = await get(w.auditor, `/information-sharing?childId=${kase.childIds[1]}`);
    expect(byChild.body.data.map((r: { recordId: string }) => r.recordId)).toEqual([ids.otherCsp]);
    const first = await get(w.auditor, `/information-sharing?caseId=${kase.caseId}&limit=3`);
    expect(first.body.data).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(
      w.auditor,
      `/information-sharing?caseId=${kase.caseId}&limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data.map((r: { recordId: string }) => r.recordId)).toEqual([ids.otherCsp]);
    expect((await get(w.auditor, '/information-sharing?cursor=forged')).status).toBe(400);
    expect((await get(w.auditor, '/information-sharing?limit=201')).status).toBe(400);
  });

  it.each([
    ['auditor', 4],
    ['manager', 4],
    ['cpManager', 4],
    ['otherTeamManager', 0],
  ] as const)('%s sees %i records of the case', async (who, n) => {
    const user = who === 'otherTeamManager' ? otherTeamManager : w[who];
    const res = await get(user, `/information-sharing?caseId=${kase.caseId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(n);
  });

  it.each([
    ['practitioner', 403],
    ['ecpp', 403],
    ['laAdmin', 403],
    ['trainer', 403],
    ['police partner', 404],
  ] as const)('%s may not list information sharing → %i', async (who, status) => {
    const user = who === 'police partner' ? police : w[who];
    expect((await get(user, '/information-sharing')).status).toBe(status);
  });

  it('the child access report and the audit trail show every share and its end', async () => {
    const report = await get(w.auditor, `/children/${kase.childIds[1]}/access-report?limit=200`);
    expect(report.status).toBe(200);
    const actions = report.body.data.map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['information_sharing.share', 'information_sharing.end']),
    );
    const first = await get(w.auditor, `/children/${kase.childIds[0]}/access-report?limit=200`);
    const shares = first.body.data.filter(
      (r: { action: string }) => r.action === 'information_sharing.share',
    );
    expect(shares.map((r: { recordId: string }) => r.recordId).sort()).toEqual(
      [ids.csp, ids.fnp, ids.fgdm].sort(),
    );
    // A partner's read of what was shared is an access to the child's record too.
    await get(police, `/community-safety-plans/${ids.csp}`).expect(200);
    const after = await get(w.auditor, `/children/${kase.childIds[0]}/access-report?limit=200`);
    expect(after.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'community_safety_plan.read', actorId: police.id }),
      ]),
    );
    const trail = await get(
      w.auditor,
      `/audit-events?action=information_sharing.share&recordId=${ids.csp}`,
    );
    expect(trail.status).toBe(200);
    expect(trail.body.data).toEqual([
      expect.objectContaining({
        actorId: w.ecpp.id,
        recordType: 'community_safety_plan',
        metadata: expect.objectContaining({
          withUserId: police.id,
          agency: 'police',
          lawfulBasis: 'children_act_1989_s47',
        }),
      }),
    ]);
  });

  it('a partner sees a shared Family Network Plan and meeting without case, family or other children', async () => {
    const fnp = await get(health, `/family-network-plans/${ids.fnp}`);
    expect(fnp.status).toBe(200);
    expect(fnp.body).not.toHaveProperty('caseId');
    expect(fnp.body.children.map((c: { id: string }) => c.id)).toEqual([kase.childIds[0]]);
    const meeting = await get(health, `/fgdm-meetings/${ids.fgdm}`);
    expect(meeting.status).toBe(200);
    expect(meeting.body).toMatchObject({
      familyAttendeeCount: 2,
      networkAttendeeCount: 1,
      children: [{ id: kase.childIds[0] }],
    });
    const text = JSON.stringify([fnp.body, meeting.body]);
    expect(text).not.toContain(kase.childIds[1]);
    expect(text).not.toContain(kase.caseId);
    expect(text).not.toContain(kase.familyId);
    const shared = await get(health, '/partner/shared');
    expect(shared.body.data.map((s: { recordType: string }) => s.recordType).sort()).toEqual([
      'family_network_plan',
      'fgdm_meeting',
    ]);
    // Police shares nothing but the first safety plan.
    expect((await get(police, `/family-network-plans/${ids.fnp}`)).status).toBe(404);
    expect((await get(police, `/fgdm-meetings/${ids.fgdm}`)).status).toBe(404);
  });

  it('the share records cannot be rewritten or deleted in the database', async () => {
    const { db } = await import('./utils/cp.factories');
    const c = await db(t);
    await expect(
      c.query(`DELETE FROM information_sharing_record WHERE record_id = $1`, [ids.csp]),
    ).rejects.toThrow(/only records/);
    await expect(
      c.query(
        `UPDATE information_sharing_record SET lawful_basis = 'consent' WHERE record_id = $1`,
        [ids.csp],
      ),
    ).rejects.toThrow(/only records/);
    await expect(
      c.query(
        `UPDATE information_sharing_record SET ended_at = NULL, ended_by_id = NULL WHERE record_id = $1`,
        [ids.otherCsp],
      ),
    ).rejects.toThrow(/only records/);
  });
});
