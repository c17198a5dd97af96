import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newLa, newUser, newWorld, TestUser, World } from './utils/factories';
import { auditRows, sql } from './utils/case.factories';
import { assignEcpp, closeDb, raiseConcern, seedCase, SeededCase } from './utils/cp.factories';
import { CORE_PARTICIPANTS, OUTCOME, scheduleDiscussion } from './utils/macpt.factories';

describe('strategy discussions: scheduled → held → concluded once (corrections supersede) or cancelled', () => {
  let t: TestApp;
  let w: World;
  let kase: SeededCase;
  let concernId: string;
  let outsider: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    kase = await seedCase(t, w);
    concernId = (await raiseConcern(t, w, kase)).id;
    await assignEcpp(t, w, kase);
    const other = await newLa(t, 'Other Council');
    outsider = await newUser(t, other.id, ['ecpp']);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const post = (path: string, who: TestUser, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);
  const get = (path: string, who: TestUser) => t.req().get(`${API}${path}`).set(bearer(who.token));
  const body = () => ({
    childIds: kase.childIds,
    concernIds: [concernId],
    scheduledFor: '2026-12-18T10:00:00Z',
    format: 'call',
    invitees: [{ name: 'Dr Ann Patel', agency: 'health', organisation: 'GP practice' }],
  });
  const count = async () =>
    (
      await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM strategy_discussion WHERE case_id = $1`,
        [kase.caseId],
      )
    )[0].n;

  it.each([
    ['ecpp (co-working)', (x: World) => x.ecpp],
    ['cp_manager', (x: World) => x.cpManager],
  ])(
    'runs a strategy discussion: %s schedules one (201 scheduled, timeline, audit)',
    async (_r, who) => {
      const res = await post(`/cases/${kase.caseId}/strategy-discussions`, who(w), body());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'scheduled',
        childIds: kase.childIds,
        concernIds: [concernId],
        teamId: w.cpTeam.id,
        outcome: null,
      });
      const audit = await auditRows(t, {
        recordId: res.body.id,
        action: 'strategy_discussion.schedule',
      });
      expect(audit).toHaveLength(1);
      expect(audit[0].child_ids).toEqual(kase.childIds);
      const events = await sql(t, `SELECT type FROM case_event WHERE record_id = $1`, [
        res.body.id,
      ]);
      expect(events).toEqual([{ type: 'strategy_discussion_scheduled' }]);
    },
  );

  it.each([
    ['family_help_practitioner (lead)', 403, (x: World) => x.practitioner],
    ['family_help_manager', 403, (x: World) => x.manager],
    ['ecpp not co-working', 403, (x: World) => x.ecpp2],
    ['auditor', 403, (x: World) => x.auditor],
    ['la_admin', 403, (x: World) => x.laAdmin],
  ])(
    'only the co-working ECPP or a cp_manager runs one: %s → %i, nothing written',
    async (_r, status, who) => {
      const before = await count();
      const res = await post(`/cases/${kase.caseId}/strategy-discussions`, who(w), body());
      expect(res.status).toBe(status);
      expect(await count()).toBe(before);
    },
  );

  it('an ECPP of another local authority gets 404 (the case is not visible)', async () => {
    const res = await post(`/cases/${kase.caseId}/strategy-discussions`, outsider, body());
    expect(res.status).toBe(404);
  });

  it.each([
    [
      'childIds outside the case',
      { childIds: ['0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01'] },
      'childIds',
    ],
    ['an unknown concern', { concernIds: ['0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01'] }, 'concernIds'],
    ['an invitee with neither user nor name', { invitees: [{ agency: 'police' }] }, 'invitees[0]'],
    ['a bad format', { format: 'video' }, 'format'],
    ['a scheduledFor that is not a datetime', { scheduledFor: 'tomorrow' }, 'scheduledFor'],
  ])('refuses %s: 400 naming the field, nothing written (ecpp)', async (_what, patch, field) => {
    const before = await count();
    const res = await post(`/cases/${kase.caseId}/strategy-discussions`, w.ecpp, {
      ...body(),
      ...patch,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('holds it once, not in the future nor before its concern; concludes once; a correction supersedes (ecpp)', async () => {
    const d = await scheduleDiscussion(t, kase, w.ecpp, [concernId]);
    const ahead = await post(`/strategy-discussions/${d.id}/held`, w.ecpp, {
      heldOn: '2027-05-01',
      participants: CORE_PARTICIPANTS,
      contributions: [],
    });
    expect([ahead.status, ahead.body.errors[0].field]).toEqual([400, 'heldOn']);
    const early = await post(`/strategy-discussions/${d.id}/held`, w.ecpp, {
      heldOn: '2026-09-30',
      participants: CORE_PARTICIPANTS,
      contributions: [],
    });
    expect([early.status, early.body.errors[0].field]).toEqual([400, 'heldOn']);
    const notHeld = await post(`/strategy-discussions/${d.id}/outcome`, w.ecpp, OUTCOME);
    expect([notHeld.status, notHeld.body.code]).toEqual([409, 'discussion_not_held']);

    const held = await post(`/strategy-discussions/${d.id}/held`, w.ecpp, {
      heldOn: '2026-12-18',
      participants: [
        { userId: w.ecpp.id, agency: 'social_care', attended: true },
        { name: 'DC Sam Hollis', agency: 'police', attended: true },
        { name: 'Health visitor', agency: 'health', attended: false },
      ],
      contributions: [{ agency: 'health', summary: 'Seen at 12 months; no concerns then.' }],
    });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', heldOn: '2026-12-18', missingAgencies: [] });
    const again = await post(`/strategy-discussions/${d.id}/held`, w.ecpp, {
      heldOn: '2026-12-18',
      participants: CORE_PARTICIPANTS,
      contributions: [],
    });
    expect([again.status, again.body.code]).toEqual([409, 'already_held']);
    const cancelHeld = await post(`/strategy-discussions/${d.id}/cancel`, w.ecpp, {
      reason: 'Changed our minds about it entirely.',
    });
    expect([cancelHeld.status, cancelHeld.body.code]).toEqual([409, 'already_held']);

    const bothForms = await post(`/strategy-discussions/${d.id}/outcome`, w.ecpp, {
      ...OUTCOME,
      parentsInformed: { by: 'ECPP', on: '2026-12-18', deferredReason: 'Police interview first.' },
    });
    expect([bothForms.status, bothForms.body.errors[0].field]).toEqual([400, 'parentsInformed']);
    const concluded = await post(`/strategy-discussions/${d.id}/outcome`, w.ecpp, OUTCOME);
    expect(concluded.status).toBe(200);
    expect(concluded.body).toMatchObject({
      status: 'concluded',
      outcome: { s47: 'joint_with_police' },
    });
    const twice = await post(`/strategy-discussions/${d.id}/outcome`, w.ecpp, OUTCOME);
    expect([twice.status, twice.body.code]).toEqual([409, 'already_concluded']);
    const first = concluded.body.outcome.id;
    const corrected = await post(`/strategy-discussions/${d.id}/outcome`, w.cpManager, {
      ...OUTCOME,
      s47: 'single_agency',
      supersedesId: first,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.outcome).toMatchObject({ s47: 'single_agency', supersedesId: first });
    expect(corrected.body.supersededOutcomes.map((o: { id: string }) => o.id)).toEqual([first]);
    const stale = await post(`/strategy-discussions/${d.id}/outcome`, w.ecpp, {
      ...OUTCOME,
      supersedesId: first,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'not_current_outcome']);

    // The outbox carries ids and codes only: never the rationale.
    const events = await sql<{ type: string; data: Record<string, unknown> }>(
      t,
      `SELECT type, data FROM integration_event WHERE data->>'discussionId' = $1 ORDER BY seq`,
      [d.id],
    );
    expect(events.map((e) => e.type)).toEqual([
      'strategy_discussion.held',
      'strategy_discussion.concluded',
      'strategy_discussion.concluded',
    ]);
    expect(events[1].data).toMatchObject({ s47: 'joint_with_police', caseId: kase.caseId });
    expect(JSON.stringify(events)).not.toContain('bruising');
  });

  it('outcomes are append-only in the database', async () => {
    await expect(sql(t, `UPDATE strategy_discussion_outcome SET rationale = 'x'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('cancels a scheduled discussion only with a reason (ecpp): 400 without, 200 with', async () => {
    const d = await scheduleDiscussion(t, kase, w.ecpp, [concernId]);
    const bare = await post(`/strategy-discussions/${d.id}/cancel`, w.ecpp, {});
    expect([bare.status, bare.body.errors[0].field]).toEqual([400, 'reason']);
    const res = await post(`/strategy-discussions/${d.id}/cancel`, w.ecpp, {
      reason: 'The family moved out of the area; the receiving LA holds it.',
    });
    expect(res.body).toMatchObject({ status: 'cancelled' });
    const hold = await post(`/strategy-discussions/${d.id}/held`, w.ecpp, {
      heldOn: '2026-12-18',
      participants: CORE_PARTICIPANTS,
      contributions: [],
    });
    expect([hold.status, hold.body.code]).toEqual([409, 'discussion_cancelled']);
  });

  it.each([
    ['family_help_practitioner (lead)', 200, (x: World) => x.practitioner],
    ['family_help_manager', 200, (x: World) => x.manager],
    ['ecpp', 200, (x: World) => x.ecpp],
    ['cp_manager', 200, (x: World) => x.cpManager],
    ['auditor', 403, (x: World) => x.auditor],
  ])('reads the case’s discussions: %s → %i', async (_r, status, who) => {
    const res = await get(`/cases/${kase.caseId}/strategy-discussions`, who(w));
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.data.length).toBeGreaterThan(0);
  });

  it('a discussion of another LA is 404 by its id (outsider ecpp)', async () => {
    const d = await scheduleDiscussion(t, kase, w.ecpp, [concernId]);
    expect((await get(`/strategy-discussions/${d.id}`, outsider)).status).toBe(404);
    expect((await get(`/strategy-discussions/${d.id}`, w.practitioner)).status).toBe(200);
  });

  it('the Family Help team requests one; the ECPP answers it by scheduling (practitioner, ecpp)', async () => {
    const byEcpp = await post(`/cases/${kase.caseId}/strategy-discussion-requests`, w.ecpp, {
      childIds: kase.childIds,
      reason: 'We think a discussion is needed now.',
    });
    expect(byEcpp.status).toBe(403);
    const asked = await post(`/cases/${kase.caseId}/strategy-discussion-requests`, w.practitioner, {
      childIds: kase.childIds,
      reason: 'Second unexplained bruise in a month; a discussion is needed.',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', requestedById: w.practitioner.id });
    const d = await scheduleDiscussion(t, kase, w.ecpp, [concernId], { requestId: asked.body.id });
    expect(d.requestId).toBe(asked.body.id);
    const list = await get(`/cases/${kase.caseId}/strategy-discussion-requests`, w.manager);
    expect(list.body.data.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({
      status: 'answered',
      answeredByDiscussionId: d.id,
    });
    const twice = await post(`/cases/${kase.caseId}/strategy-discussions`, w.ecpp, {
      ...body(),
      requestId: asked.body.id,
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'request_already_answered']);
  });
});
