/**
 * Story (b): a county-lines concern → the ECPP starts a Child Community Safety Plan (the decision
 * and the plan, one transaction) → police and school partners added with a lawful basis → each
 * updates only its own agency's actions → a partner of another plan or LA sees nothing → a
 * removed partner loses access at once → the ECPP ends the plan.
 */
import { closeDb, db } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, newWorld, TestUser, World } from './utils/factories';
import {
  addAction,
  coWorkedCase,
  cspBody,
  LONG_RATIONALE,
  newPartner,
  planFootprint,
  share,
  startCsp,
  TODAY,
} from './utils/plan.factories';

describe('Child Community Safety Plan story with partner agencies', () => {
  let t: TestApp;
  let w: World;
  let police: TestUser;
  let school: TestUser;
  let otherPolice: TestUser;
  let otherLaPartner: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const otherLa = await newLa(t);
    [police, school, otherPolice, otherLaPartner] = await Promise.all([
      newPartner(t, w.la.id, 'police'),
      newPartner(t, w.la.id, 'education'),
      newPartner(t, w.la.id, 'police'),
      newPartner(t, otherLa.id, 'police'),
    ]);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const req = (
    method: 'get' | 'post' | 'patch' | 'delete',
    who: TestUser,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ) => {
    const r = t.req()[method](`${API}${path}`).set(bearer(who.token)).set(headers);
    return body ? r.send(body) : r;
  };

  it('runs from the concern to the ended plan, partners seeing only their share', async () => {
    const kase = await coWorkedCase(t, w, 2);
    const [jay, sibling] = kase.childIds;

    // Only the co-working ECPP starts it; anyone else writes nothing.
    const before = await planFootprint(t, kase.caseId);
    for (const who of [w.practitioner, w.manager, w.ecpp2, w.cpManager]) {
      const r = await req(
        'post',
        who,
        `/cases/${kase.caseId}/community-safety-plans`,
        cspBody(jay),
      );
      expect({ who: who.roles, status: r.status }).toEqual({ who: who.roles, status: 403 });
    }
    const r404 = await req(
      'post',
      police,
      `/cases/${kase.caseId}/community-safety-plans`,
      cspBody(jay),
    );
    expect(r404.status).toBe(404);
    expect(await planFootprint(t, kase.caseId)).toEqual(before);

    const plan = await startCsp(t, w, kase, jay);
    expect(plan).toMatchObject({
      status: 'active',
      childId: jay,
      child: { id: jay, firstName: 'Child1' },
      harmTypes: ['criminal_exploitation'],
      caseId: kase.caseId,
      startedOn: TODAY,
    });
    const c = await db(t);
    const decision = await c.query(
      `SELECT type, rationale, child_ids FROM decision WHERE id = $1`,
      [plan.startDecisionId],
    );
    expect(decision.rows[0]).toMatchObject({
      type: 'start_community_safety_plan',
      rationale: LONG_RATIONALE,
      child_ids: [jay],
    });
    // A second plan for the same young person is refused by the decision rules.
    const again = await req(
      'post',
      w.ecpp,
      `/cases/${kase.caseId}/community-safety-plans`,
      cspBody(jay),
    );
    expect(again.status).toBe(409);
    // The decisions endpoint cannot record a safety-plan decision without its plan.
    const bare = await req('post', w.ecpp, `/cases/${kase.caseId}/decisions`, {
      type: 'start_community_safety_plan',
      rationale: LONG_RATIONALE,
      childIds: [sibling],
      effectiveDate: TODAY,
    });
    expect(bare.status).toBe(400);

    const path = `/community-safety-plans/${plan.id}`;
    const policeAction = await addAction(t, w.ecpp, plan.id, 'police');
    const schoolAction = await addAction(t, w.practitioner, plan.id, 'education');

    // Partners are added by the ECPP or the lead practitioner, with a lawful basis.
    expect(
      (
        await req('post', w.manager, `${path}/partners`, {
          userId: police.id,
          lawfulBasis: 'children_act_2004_s11',
        })
      ).status,
    ).toBe(403);
    expect((await req('post', w.ecpp, `${path}/partners`, { userId: police.id })).status).toBe(400);
    expect(
      (
        await req('post', w.ecpp, `${path}/partners`, {
          userId: w.practitioner.id,
          lawfulBasis: 'consent',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await req('post', w.ecpp, `${path}/partners`, {
          userId: otherLaPartner.id,
          lawfulBasis: 'consent',
        })
      ).status,
    ).toBe(400);
    await share(t, w.ecpp, path, police, 'children_act_1989_s47');
    await share(t, w.practitioner, path, school, 'children_act_2004_s11');
    expect(
      (await req('post', w.ecpp, `${path}/partners`, { userId: police.id, lawfulBasis: 'consent' }))
        .status,
    ).toBe(409);

    // What a partner sees: the plan and the young person's name and date of birth, nothing more.
    const seen = await req('get', police, path);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      id: plan.id,
      child: { id: jay, dateOfBirth: expect.any(String) },
    });
    for (const hidden of ['caseId', 'startDecisionId', 'endDecisionId', 'rationale']) {
      expect(seen.body).not.toHaveProperty(hidden);
    }
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain(sibling);
    expect(text).not.toContain(kase.caseId);
    expect(text).not.toContain(kase.familyId);
    expect(text).not.toContain(LONG_RATIONALE);
    const mine = await req('get', police, '/partner/shared');
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      expect.objectContaining({
        recordType: 'community_safety_plan',
        recordId: plan.id,
        lawfulBasis: 'children_act_1989_s47',
        children: [expect.objectContaining({ id: jay })],
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(kase.caseId);

    // Each agency updates only its own actions (If-Match on the action).
    const upd = (who: TestUser, actionId: string, version: number, status: string) =>
      req('patch', who, `${path}/actions/${actionId}`, { status }, { 'If-Match': `"${version}"` });
    expect((await upd(police, policeAction.id, 1, 'in_progress')).status).toBe(200);
    expect((await upd(police, schoolAction.id, 1, 'done')).status).toBe(403);
    expect((await upd(school, policeAction.id, 2, 'done')).status).toBe(403);
    expect((await upd(school, schoolAction.id, 1, 'done')).status).toBe(200);
    expect((await upd(police, policeAction.id, 1, 'done')).status).toBe(412);
    const noMatch = await req('patch', police, `${path}/actions/${policeAction.id}`, {
      status: 'done',
    });
    expect(noMatch.status).toBe(428);
    // A partner does not add actions, share the plan, or end it (its role never reaches: 404).
    expect(
      (
        await req('post', police, `${path}/actions`, {
          agency: 'police',
          description: 'x',
          dueDate: '2027-01-01',
        })
      ).status,
    ).toBe(404);
    expect(
      (await req('post', police, `${path}/partners`, { userId: school.id, lawfulBasis: 'consent' }))
        .status,
    ).toBe(404);
    expect((await req('post', police, `${path}/end`, { rationale: LONG_RATIONALE })).status).toBe(
      404,
    );

    // Everything else is 404 for a partner: the case, its notes, timeline, family, other plans.
    const other = await startCsp(t, w, kase, sibling);
    for (const p of [
      `/cases/${kase.caseId}`,
      `/cases/${kase.caseId}/timeline`,
      `/cases/${kase.caseId}/notes`,
      `/cases/${kase.caseId}/decisions`,
      `/cases/${kase.caseId}/community-safety-plans`,
      `/families/${kase.familyId}`,
      `/community-safety-plans/${other.id}`,
      `/community-safety-plans/${other.id}/partners`,
    ]) {
      const res = await req('get', police, p);
      expect({ p, status: res.status }).toEqual({ p, status: 404 });
    }
    // A partner of no plan here, and a partner of another LA, see nothing.
    for (const outsider of [otherPolice, otherLaPartner]) {
      expect((await req('get', outsider, path)).status).toBe(404);
      expect((await upd(outsider, policeAction.id, 2, 'done')).status).toBe(404);
      expect((await req('get', outsider, '/partner/shared')).body.data).toEqual([]);
    }

    // Removing a partner ends access at once; the record of the share stays.
    const removed = await req('delete', w.ecpp, `${path}/partners/${school.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      withUserId: school.id,
      agency: 'education',
      endedAt: expect.any(String),
    });
    expect((await req('get', school, path)).status).toBe(404);
    expect((await req('get', school, '/partner/shared')).body.data).toEqual([]);
    expect((await req('delete', w.ecpp, `${path}/partners/${school.id}`)).status).toBe(404);
    const shares = await req('get', w.manager, `${path}/partners`);
    expect(
      shares.body.data.map((s: { withUserId: string; endedAt: string | null }) => [
        s.withUserId,
        !!s.endedAt,
      ]),
    ).toEqual([
      [police.id, false],
      [school.id, true],
    ]);

    // Reviews by the team; the ECPP ends the plan with a decision (one transaction).
    const reviewed = await req('post', w.practitioner, `${path}/reviews`, {
      reviewedOn: TODAY,
      summary: 'Disruption working.',
      nextReviewDate: '2027-06-01',
    });
    expect(reviewed.status).toBe(201);
    expect(reviewed.body).toMatchObject({
      reviewDate: '2027-06-01',
      reviews: [{ reviewedOn: TODAY }],
    });
    expect(
      (await req('post', w.practitioner, `${path}/end`, { rationale: LONG_RATIONALE })).status,
    ).toBe(403);
    const ended = await req('post', w.ecpp, `${path}/end`, {
      rationale: 'Risk reduced: no missing episodes for three months.',
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      endedOn: TODAY,
      endDecisionId: expect.any(String),
    });
    expect((await req('post', w.ecpp, `${path}/end`, { rationale: LONG_RATIONALE })).status).toBe(
      409,
    );
    // The plan's end ended its shares: the partner no longer sees it at all.
    expect((await upd(police, policeAction.id, 2, 'done')).status).toBe(404);
    const endDecision = await c.query(`SELECT type FROM decision WHERE id = $1`, [
      ended.body.endDecisionId,
    ]);
    expect(endDecision.rows[0].type).toBe('end_community_safety_plan');

    // The case timeline tells it; the stage never changed.
    const timeline = await req('get', w.practitioner, `/cases/${kase.caseId}/timeline?limit=200`);
    const types = timeline.body.data.map((e: { type: string }) => e.type);
    for (const type of [
      'community_safety_plan_started',
      'community_safety_plan_action_added',
      'community_safety_plan_action_updated',
      'record_shared',
      'record_share_ended',
      'community_safety_plan_reviewed',
      'community_safety_plan_ended',
    ]) {
      expect(types).toContain(type);
    }
    const caseNow = await req('get', w.practitioner, `/cases/${kase.caseId}`);
    expect(caseNow.body.stage).toBe('family_help');
  });

  it('a disabled partner loses access at once (401)', async () => {
    const kase = await coWorkedCase(t, w, 1);
    const plan = await startCsp(t, w, kase);
    const partner = await newUser(t, w.la.id, ['partner'], { agency: 'health' });
    await share(t, w.ecpp, `/community-safety-plans/${plan.id}`, partner, 'consent');
    expect((await req('get', partner, `/community-safety-plans/${plan.id}`)).status).toBe(200);
    const u = await t.req().get(`${API}/users/${partner.id}`).set(bearer(w.laAdmin.token));
    await t
      .req()
      .patch(`${API}/users/${partner.id}`)
      .set(bearer(w.laAdmin.token))
      .set('If-Match', u.headers.etag as string)
      .send({ active: false })
      .expect(200);
    expect((await req('get', partner, `/community-safety-plans/${plan.id}`)).status).toBe(401);
  });

  it('starting a plan is idempotent: a retry with the same key replays, one plan and one decision', async () => {
    const kase = await coWorkedCase(t, w, 1);
    const send = () =>
      t
        .req()
        .post(`${API}/cases/${kase.caseId}/community-safety-plans`)
        .set(bearer(w.ecpp.token))
        .set('Idempotency-Key', `csp-${kase.caseId}`)
        .send(cspBody(kase.childIds[0]));
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const c = await db(t);
    const rows = await c.query(
      `SELECT (SELECT count(*)::int FROM community_safety_plan WHERE case_id = $1) AS plans,
              (SELECT count(*)::int FROM decision WHERE case_id = $1) AS decisions`,
      [kase.caseId],
    );
    expect(rows.rows[0]).toEqual({ plans: 1, decisions: 1 });
  });
});
