import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newWorld, World } from './utils/factories';
import { auditRows, newCase, sql } from './utils/case.factories';

describe('Family Help plan', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const planUrl = (caseId: string) => `${API}/cases/${caseId}/family-help-plan`;

  async function newPlan(caseId: string) {
    const res = await t
      .req()
      .post(planUrl(caseId))
      .set(bearer(w.practitioner.token))
      .send({
        nextReviewDate: '2027-03-01',
        goals: [
          {
            description: 'Amira attends school every day',
            actions: [
              { description: 'Morning routine chart', ownerName: 'Mum', dueDate: '2027-01-15' },
              { description: 'Liaise with school', ownerUserId: w.practitioner.id },
            ],
          },
          { description: 'Stable housing' },
        ],
      });
    expect(res.status).toBe(201);
    return res;
  }

  it('creates the plan with goals and actions (ETag); one plan per case (409)', async () => {
    const c = await newCase(t, w);
    const res = await newPlan(c.id);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      caseId: c.id,
      nextReviewDate: '2027-03-01',
      version: 1,
      reviews: [],
    });
    expect(res.body.goals.map((g: { description: string }) => g.description)).toEqual([
      'Amira attends school every day',
      'Stable housing',
    ]);
    expect(res.body.actions).toEqual([
      expect.objectContaining({
        goalId: res.body.goals[0].id,
        ownerName: 'Mum',
        ownerUserId: null,
        status: 'not_started',
        dueDate: '2027-01-15',
      }),
      expect.objectContaining({
        goalId: res.body.goals[0].id,
        ownerUserId: w.practitioner.id,
        ownerName: null,
      }),
    ]);
    const again = await t.req().post(planUrl(c.id)).set(bearer(w.manager.token)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('plan_exists');
    const got = await t.req().get(planUrl(c.id)).set(bearer(w.ecpp.token));
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    const read = await auditRows(t, { recordId: res.body.id, action: 'case.plan_read' });
    expect(read).toHaveLength(1);
    expect(read[0].child_ids).toEqual(c.childIds);
  });

  it('404 when the case has no plan yet', async () => {
    const c = await newCase(t, w);
    expect((await t.req().get(planUrl(c.id)).set(bearer(w.practitioner.token))).status).toBe(404);
    const goal = await t
      .req()
      .post(`${planUrl(c.id)}/goals`)
      .set(bearer(w.practitioner.token))
      .send({ description: 'x' });
    expect(goal.status).toBe(404);
  });

  it('400 naming the field: an action without an owner, with both, an owner from another LA, a bad date', async () => {
    const c = await newCase(t, w);
    const w2 = await newWorld(t);
    const bad: [object, string][] = [
      [
        { goals: [{ description: 'g', actions: [{ description: 'a' }] }] },
        'goals.0.actions.0.ownerUserId',
      ],
      [
        {
          goals: [
            {
              description: 'g',
              actions: [{ description: 'a', ownerName: 'Mum', ownerUserId: w.practitioner.id }],
            },
          ],
        },
        'goals.0.actions.0.ownerName',
      ],
      [
        {
          goals: [
            { description: 'g', actions: [{ description: 'a', ownerUserId: w2.practitioner.id }] },
          ],
        },
        'goals.0.actions.0.ownerUserId',
      ],
      [
        {
          goals: [
            {
              description: 'g',
              actions: [{ description: 'a', ownerName: 'x', dueDate: '2027-13-01' }],
            },
          ],
        },
        'goals.0.actions.0.dueDate',
      ],
      [
        {
          goals: [
            {
              description: 'g',
              actions: [{ description: 'a', ownerName: 'x', status: 'finished' }],
            },
          ],
        },
        'goals.0.actions.0.status',
      ],
      [{ goals: [{ description: '' }] }, 'goals.0.description'],
    ];
    for (const [body, field] of bad) {
      const res = await t.req().post(planUrl(c.id)).set(bearer(w.practitioner.token)).send(body);
      expect({
        status: res.status,
        fields: res.body.errors?.map((e: { field: string }) => e.field),
      }).toEqual({
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
    expect(await sql(t, `SELECT 1 FROM family_help_plan WHERE case_id = $1`, [c.id])).toHaveLength(
      0,
    );
  });

  it('goals, actions and reviews change the plan version; PATCH needs If-Match (428/412); all on the timeline', async () => {
    const c = await newCase(t, w);
    const plan = (await newPlan(c.id)).body;
    const goal = await t
      .req()
      .post(`${planUrl(c.id)}/goals`)
      .set(bearer(w.manager.token))
      .send({ description: 'Dad re-engages' });
    expect(goal.status).toBe(201);
    expect(goal.headers.etag).toBe('"2"');
    const goalId = goal.body.goals[2].id;
    const action = await t
      .req()
      .post(`${planUrl(c.id)}/actions`)
      .set(bearer(w.practitioner.token))
      .send({
        goalId,
        description: 'Contact Dad',
        ownerUserId: w.manager.id,
        dueDate: '2027-02-01',
      });
    // family_help_practitioner: the action comes back (as safety-plan actions do), with its plan
    // and the plan's new version, which is the ETag.
    expect(action.status).toBe(201);
    expect(action.headers.etag).toBe('"3"');
    expect(action.body).toMatchObject({
      planId: plan.id,
      goalId,
      description: 'Contact Dad',
      ownerUserId: w.manager.id,
      dueDate: '2027-02-01',
      status: 'not_started',
      version: 3,
    });
    expect(action.body.goals).toBeUndefined();
    const actionId: string = action.body.id;
    const wrongGoal = await t
      .req()
      .post(`${planUrl(c.id)}/actions`)
      .set(bearer(w.practitioner.token))
      .send({ goalId: randomUUID(), description: 'x', ownerName: 'y' });
    expect(wrongGoal.status).toBe(400);
    expect(wrongGoal.body.errors[0].field).toBe('goalId');

    const aUrl = `${planUrl(c.id)}/actions/${actionId}`;
    expect(
      (await t.req().patch(aUrl).set(bearer(w.practitioner.token)).send({ status: 'done' })).status,
    ).toBe(428);
    expect(
      (
        await t
          .req()
          .patch(aUrl)
          .set(bearer(w.practitioner.token))
          .set('If-Match', '"1"')
          .send({ status: 'done' })
      ).status,
    ).toBe(412);
    const done = await t
      .req()
      .patch(aUrl)
      .set(bearer(w.practitioner.token))
      .set('If-Match', '"3"')
      .send({ status: 'in_progress', ownerName: 'Dad' });
    expect(done.status).toBe(200);
    expect(done.headers.etag).toBe('"4"');
    expect(done.body).toMatchObject({
      id: actionId,
      planId: plan.id,
      status: 'in_progress',
      ownerName: 'Dad',
      ownerUserId: null,
      version: 4,
    });
    const audit = await auditRows(t, {
      recordId: actionId,
      action: 'case.family_help_plan_action_updated',
    });
    expect(audit[0].changes).toEqual({
      status: { before: 'not_started', after: 'in_progress' },
      ownerUserId: { before: w.manager.id, after: null },
      ownerName: { before: null, after: 'Dad' },
    });

    const gUrl = `${planUrl(c.id)}/goals/${goalId}`;
    const achieved = await t
      .req()
      .patch(gUrl)
      .set(bearer(w.practitioner.token))
      .set('If-Match', '"4"')
      .send({ status: 'achieved' });
    expect(achieved.status).toBe(200);
    expect(achieved.body.goals[2].status).toBe('achieved');

    const review = await t
      .req()
      .post(`${planUrl(c.id)}/reviews`)
      .set(bearer(w.practitioner.token))
      .send({ date: '2026-11-20', summary: 'Attendance up to 94%.', nextReviewDate: '2027-05-01' });
    expect(review.status).toBe(201);
    expect(review.body.reviews).toEqual([
      expect.objectContaining({ date: '2026-11-20', recordedById: w.practitioner.id }),
    ]);
    expect(review.body.nextReviewDate).toBe('2027-05-01');
    const futureReview = await t
      .req()
      .post(`${planUrl(c.id)}/reviews`)
      .set(bearer(w.practitioner.token))
      .send({ date: '2999-01-01', summary: 'x' });
    expect(futureReview.status).toBe(400);

    const patchPlan = await t
      .req()
      .patch(planUrl(c.id))
      .set(bearer(w.manager.token))
      .set('If-Match', `"${review.body.version}"`)
      .send({ nextReviewDate: '2027-06-01' });
    expect(patchPlan.status).toBe(200);
    expect(patchPlan.body.nextReviewDate).toBe('2027-06-01');

    const tl = await t.req().get(`${API}/cases/${c.id}/timeline`).set(bearer(w.practitioner.token));
    expect(tl.body.data.map((e: { type: string }) => e.type)).toEqual([
      'case_created',
      'family_help_plan_created',
      'family_help_plan_goal_added',
      'family_help_plan_action_added',
      'family_help_plan_action_updated',
      'family_help_plan_goal_updated',
      'family_help_plan_reviewed',
      'family_help_plan_updated',
    ]);
    expect(plan.id).toBe(patchPlan.body.id);
  });

  it('403 for an ECPP (no case.plan), a practitioner of another team, la_admin; 404 for another LA', async () => {
    const c = await newCase(t, w);
    for (const u of [w.ecpp, w.otherPractitioner, w.laAdmin, w.cpManager]) {
      const r = await t.req().post(planUrl(c.id)).set(bearer(u.token)).send({});
      expect(r.status).toBe(403);
    }
    const w2 = await newWorld(t);
    expect(
      (await t.req().post(planUrl(c.id)).set(bearer(w2.practitioner.token)).send({})).status,
    ).toBe(404);
    expect((await t.req().get(planUrl(c.id)).set(bearer(w2.practitioner.token))).status).toBe(404);
    expect(await sql(t, `SELECT 1 FROM family_help_plan WHERE case_id = $1`, [c.id])).toHaveLength(
      0,
    );
  });

  describe('the plan start (CIN census CINPlanStartDate)', () => {
    const episode = async (caseId: string) =>
      (
        await sql<{ started: string | null }>(
          t,
          `SELECT cin_plan_started_on::text AS started FROM case_episode
            WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`,
          [caseId],
        )
      )[0].started;

    it('family_help_practitioner: startedOn defaults to today; 400 naming startedOn in the future, before the referral or not a date; nothing written', async () => {
      const c = await newCase(t, w, { referralDate: '2026-10-01' });
      for (const bad of ['2027-05-01', '2026-09-30', '2026-02-30', 'soon']) {
        const r = await t
          .req()
          .post(planUrl(c.id))
          .set(bearer(w.practitioner.token))
          .send({ startedOn: bad });
        expect([r.status, r.body.errors?.[0]?.field]).toEqual([400, 'startedOn']);
      }
      expect(await episode(c.id)).toBeNull();
      const ok = await t.req().post(planUrl(c.id)).set(bearer(w.practitioner.token)).send({});
      expect([ok.status, ok.body.startedOn]).toEqual([201, '2027-04-30']); // TANDEM_TODAY
      expect(await episode(c.id)).toBe('2027-04-30');
      const [created] = await auditRows(t, {
        recordId: ok.body.id,
        action: 'case.family_help_plan_created',
      });
      expect(created).toBeDefined();
    });

    it('family_help_practitioner: the start is corrected by PATCH (If-Match, audited); closing before it is refused (400 closedOn)', async () => {
      const c = await newCase(t, w, { referralDate: '2026-10-01' });
      const made = await t
        .req()
        .post(planUrl(c.id))
        .set(bearer(w.practitioner.token))
        .send({ startedOn: '2026-10-20' });
      expect([made.status, made.body.startedOn]).toEqual([201, '2026-10-20']);
      const bad = await t
        .req()
        .patch(planUrl(c.id))
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"1"')
        .send({ startedOn: '2026-09-01' });
      expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'startedOn']);
      const fixed = await t
        .req()
        .patch(planUrl(c.id))
        .set(bearer(w.practitioner.token))
        .set('If-Match', '"1"')
        .send({ startedOn: '2026-10-15' });
      expect([fixed.status, fixed.body.startedOn]).toEqual([200, '2026-10-15']);
      const audit = await auditRows(t, {
        recordId: made.body.id,
        action: 'case.family_help_plan_updated',
      });
      expect(audit.map((a) => (a as { changes?: unknown }).changes)).toContainEqual({
        startedOn: { before: '2026-10-20', after: '2026-10-15' },
      });
      const early = await t
        .req()
        .post(`${API}/cases/${c.id}/close`)
        .set(bearer(w.manager.token))
        .send({ reason: 'RC7', closedOn: '2026-10-10' });
      expect([early.status, early.body.errors?.[0]?.field]).toEqual([400, 'closedOn']);
      const close = await t
        .req()
        .post(`${API}/cases/${c.id}/close`)
        .set(bearer(w.manager.token))
        .send({ reason: 'RC7', closedOn: '2026-12-01', primaryNeed: 'N1' });
      expect(close.status).toBe(200);
      // Reopened: the plan has not restarted in the new episode until the practitioner says so.
      const reopen = await t
        .req()
        .post(`${API}/cases/${c.id}/reopen`)
        .set(bearer(w.manager.token))
        .send({
          reason: 'New referral from school',
          referral: { date: '2027-02-01', source: '1A' },
        });
      expect(reopen.status).toBe(200);
      const read = await t.req().get(planUrl(c.id)).set(bearer(w.practitioner.token));
      expect([read.status, read.body.startedOn]).toEqual([200, null]);
      const restart = await t
        .req()
        .patch(planUrl(c.id))
        .set(bearer(w.practitioner.token))
        .set('If-Match', `"${read.body.version}"`)
        .send({ startedOn: '2027-02-20' });
      expect([restart.status, restart.body.startedOn]).toEqual([200, '2027-02-20']);
      const eps = await sql<{ seq: number; started: string | null }>(
        t,
        `SELECT seq, cin_plan_started_on::text AS started FROM case_episode WHERE case_id = $1 ORDER BY seq`,
        [c.id],
      );
      expect(eps).toEqual([
        { seq: 1, started: '2026-10-15' },
        { seq: 2, started: '2027-02-20' },
      ]);
    });
  });
});
