/**
 * Names where a screen needs them: the queues and lists a practitioner UI renders carry the
 * display names of the people and teams whose ids they show, and `GET /people/lookup?ids=`
 * resolves staff ids to names — only those of the caller's own local authority; every other id
 * is simply absent (no error, nothing learnt).
 */
import { randomUUID } from 'node:crypto';
import { LA_ROLES, type Role } from 'src/access/roles';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newApiClient,
  newFamilyMember,
  newUser,
  newWorld,
  platformAdminToken,
  TestUser,
  World,
} from './utils/factories';
import {
  assignEcpp,
  caseInChildProtection,
  closeDb,
  raiseConcern,
  seedCase,
} from './utils/cp.factories';
import { sql } from './utils/case.factories';
import {
  addAction,
  coWorkedCase,
  draftFnp,
  FUTURE_REVIEW,
  newNetworkMember,
  newPartner,
  PAST,
  share,
  startCsp,
  TODAY,
} from './utils/plan.factories';

/** Gives every user, API client and team of the LA a distinct name; returns id → name. */
async function distinctNames(t: TestApp, la: string): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; name: string }>(
    t,
    `WITH u AS (UPDATE app_user SET name = 'Staff ' || left(id::text, 8)
                 WHERE local_authority_id = $1 RETURNING id, name),
          k AS (UPDATE api_client SET name = 'Client ' || left(id::text, 8)
                 WHERE local_authority_id = $1 RETURNING id, name),
          tm AS (SELECT id, name FROM team WHERE local_authority_id = $1)
     SELECT id::text, name FROM u UNION ALL SELECT id::text, name FROM k
     UNION ALL SELECT id::text, name FROM tm`,
    [la],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

describe('display names in queues and lists', () => {
  let t: TestApp;
  let w: World;
  let names: Map<string, string>;
  const nameOf = (u: { id: string }) => names.get(u.id);

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    names = await distinctNames(t, w.la.id);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const get = (path: string, who: { token: string }) =>
    t.req().get(`${API}${path}`).set(bearer(who.token));

  it('cp_manager: the unallocated-concern queue names who raised it, the lead practitioner and the team', async () => {
    const kase = await seedCase(t, w);
    const concern = await raiseConcern(t, w, kase, w.manager);
    const res = await get('/concerns/unallocated?limit=200', w.cpManager);
    expect(res.status).toBe(200);
    const row = res.body.data.find((c: { id: string }) => c.id === concern.id);
    expect(row).toMatchObject({
      raisedById: w.manager.id,
      raisedByName: nameOf(w.manager),
      leadPractitionerId: w.practitioner.id,
      leadPractitionerName: nameOf(w.practitioner),
      teamId: w.fhTeam.id,
      teamName: nameOf(w.fhTeam),
    });
  });

  it('ecpp: the decision-request queue names who asked', async () => {
    const kase = await seedCase(t, w);
    await raiseConcern(t, w, kase);
    await assignEcpp(t, w, kase);
    const asked = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/decision-requests`)
      .set(bearer(w.practitioner.token))
      .send({
        type: 'start_section_47_enquiry',
        view: 'We believe the threshold for a section 47 enquiry is met.',
      });
    expect(asked.status).toBe(201);
    expect(asked.body.requestedByName).toBe(nameOf(w.practitioner));
    const queue = await get('/decision-requests?status=open', w.ecpp);
    expect(queue.status).toBe(200);
    expect(queue.body.data).toContainEqual(
      expect.objectContaining({
        id: asked.body.id,
        requestedById: w.practitioner.id,
        requestedByName: nameOf(w.practitioner),
      }),
    );
  });

  it('family_help_manager: the overdue list names the lead practitioner and the team', async () => {
    const kase = await seedCase(t, w, { referralDate: '2026-10-01' });
    const res = await get(`/timescales/overdue?limit=200&teamId=${w.fhTeam.id}`, w.manager);
    expect(res.status).toBe(200);
    const rows = res.body.data.filter((r: { caseId: string }) => r.caseId === kase.caseId);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      expect(r).toMatchObject({
        leadPractitionerName: nameOf(w.practitioner),
        teamName: nameOf(w.fhTeam),
      });
  });

  it('ecpp and partner: the information-request inbox names the addressee; the sender only for staff', async () => {
    const kase = await caseInChildProtection(t, w);
    const gp = await newUser(t, w.la.id, ['partner'], { agency: 'health', name: 'Dr Ama Mensah' });
    const sent = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/information-requests`)
      .set(bearer(w.ecpp.token))
      .send({
        recipientUserId: gp.id,
        childIds: kase.childIds,
        questions: ['Any injuries seen in the last year?'],
        address: '14 Mill Lane, Northtown NT1 2AB',
        gateway: 'children_act_1989_s47_9',
        ukGdprCondition: 'uk_gdpr_6_1_e_public_task',
        dueAt: '2027-05-07T10:00:00Z',
      });
    expect(sent.status).toBe(201);
    const staffInbox = await get('/information-requests?mine=true', w.ecpp);
    expect(staffInbox.status).toBe(200);
    expect(staffInbox.body.data).toContainEqual(
      expect.objectContaining({
        id: sent.body.id,
        recipientName: 'Dr Ama Mensah',
        sentById: w.ecpp.id,
        sentByName: nameOf(w.ecpp),
        respondedByName: null,
      }),
    );
    const partnerInbox = await get('/information-requests', gp);
    const row = partnerInbox.body.data.find((r: { id: string }) => r.id === sent.body.id);
    expect(row).toMatchObject({ recipientName: 'Dr Ama Mensah' });
    expect(row).not.toHaveProperty('sentById');
    expect(row).not.toHaveProperty('sentByName');
  });

  it('family_help_practitioner: the timeline names each actor', async () => {
    const kase = await seedCase(t, w);
    await t
      .req()
      .post(`${API}/cases/${kase.caseId}/notes`)
      .set(bearer(w.manager.token))
      .send({ body: 'Supervision: next steps agreed.' });
    const res = await get(`/cases/${kase.caseId}/timeline`, w.practitioner);
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((e: { type: string; actorName: string | null }) => [e.type, e.actorName]),
    ).toEqual([
      ['case_created', nameOf(w.practitioner)],
      ['note_added', nameOf(w.manager)],
    ]);
  });
});

describe('display names on plan actions, agreements, meetings and indicator drill-downs', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let police: TestUser;
  let health: TestUser;
  let names: Map<string, string>;
  const nameOf = (u: { id: string }) => names.get(u.id);

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = await Promise.all([newWorld(t), newWorld(t)]);
    [police, health] = await Promise.all([
      newPartner(t, w.la.id, 'police'),
      newPartner(t, w.la.id, 'health'),
    ]);
    names = await distinctNames(t, w.la.id);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const get = (path: string, who: { token: string }) =>
    t.req().get(`${API}${path}`).set(bearer(who.token));
  const personNames = async (ids: string[]) =>
    new Map(
      (
        await sql<{ id: string; name: string }>(
          t,
          `SELECT id::text, first_name || ' ' || last_name AS name FROM person
            WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).map((r) => [r.id, r.name]),
    );

  it('family_help_practitioner: Family Help plan actions name the owning user; another LA’s user is never named', async () => {
    const kase = await seedCase(t, w);
    const res = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/family-help-plan`)
      .set(bearer(w.practitioner.token))
      .send({
        goals: [
          {
            description: 'Amira attends school every day',
            actions: [
              { description: 'Morning routine chart', ownerName: 'Mum' },
              { description: 'Liaise with school', ownerUserId: w.manager.id },
            ],
          },
        ],
      });
    expect(res.status).toBe(201);
    expect(
      res.body.actions.map((a: { ownerName: string | null; ownerUserName: string | null }) => [
        a.ownerName,
        a.ownerUserName,
      ]),
    ).toEqual([
      ['Mum', null],
      [null, nameOf(w.manager)],
    ]);
    const added = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/family-help-plan/actions`)
      .set(bearer(w.practitioner.token))
      .send({ description: 'Home visit', ownerUserId: w.practitioner.id });
    expect(added.status).toBe(201);
    expect(added.body.ownerUserName).toBe(nameOf(w.practitioner));

    // A name is looked up only in the plan's own LA: an owner id of another LA names nobody.
    await sql(t, `UPDATE family_help_plan_action SET owner_user_id = $2 WHERE id = $1`, [
      added.body.id,
      other.practitioner.id,
    ]);
    const got = await get(`/cases/${kase.caseId}/family-help-plan`, w.practitioner);
    expect(got.status).toBe(200);
    expect(got.body.actions.find((a: { id: string }) => a.id === added.body.id)).toMatchObject({
      ownerUserId: other.practitioner.id,
      ownerUserName: null,
    });
    // Another LA's manager learns nothing of the plan (404), names included.
    const stranger = await get(`/cases/${kase.caseId}/family-help-plan`, other.manager);
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.manager) as string);
  });

  it('ecpp and a shared partner: safety plan actions name the owner; an unshared partner sees nothing', async () => {
    const kase = await coWorkedCase(t, w);
    const plan = await startCsp(t, w, kase);
    const owned = await t
      .req()
      .post(`${API}/community-safety-plans/${plan.id}/actions`)
      .set(bearer(w.ecpp.token))
      .send({
        agency: 'police',
        description: 'Disruption visits',
        dueDate: '2027-01-15',
        ownerUserId: police.id,
      });
    expect(owned.status).toBe(201);
    expect(owned.body).toMatchObject({ ownerUserId: police.id, ownerUserName: nameOf(police) });
    const unowned = await addAction(t, w.ecpp, plan.id, 'health');
    expect(unowned).toMatchObject({ ownerUserId: null, ownerUserName: null });

    const staff = await get(`/community-safety-plans/${plan.id}`, w.ecpp);
    expect(staff.status).toBe(200);
    expect(staff.body.actions).toContainEqual(
      expect.objectContaining({ id: owned.body.id, ownerUserName: nameOf(police) }),
    );
    await share(t, w.ecpp, `/community-safety-plans/${plan.id}`, police, 'children_act_1989_s47');
    const shared = await get(`/community-safety-plans/${plan.id}`, police);
    expect(shared.status).toBe(200);
    expect(shared.body.actions).toContainEqual(
      expect.objectContaining({ id: owned.body.id, ownerUserName: nameOf(police) }),
    );
    const unshared = await get(`/community-safety-plans/${plan.id}`, health);
    expect(unshared.status).toBe(404);
    expect(JSON.stringify(unshared.body)).not.toContain(nameOf(police) as string);
  });

  it('family_help_manager and a shared partner: Family Network Plan agreements name who agreed; another LA sees nothing', async () => {
    const kase = await coWorkedCase(t, w);
    const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    const plan = await draftFnp(t, w, kase, carer);
    const path = `/family-network-plans/${plan.id}`;
    const agreed = await t
      .req()
      .post(`${API}${path}/agreements`)
      .set(bearer(w.manager.token))
      .send({});
    expect(agreed.status).toBe(201);
    const expected = {
      role: 'family_help_manager',
      agreedById: w.manager.id,
      agreedByName: nameOf(w.manager),
    };
    expect(agreed.body.agreements).toEqual([expect.objectContaining(expected)]);
    const versions = await get(`${path}/versions`, w.practitioner);
    expect(versions.status).toBe(200);
    expect(versions.body.data[0].agreements).toEqual([expect.objectContaining(expected)]);
    await share(t, w.practitioner, path, health, 'consent');
    const shared = await get(path, health);
    expect(shared.status).toBe(200);
    expect(shared.body.agreements).toEqual([expect.objectContaining(expected)]);
    const stranger = await get(path, other.manager);
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.manager) as string);
  });

  it('family_help_practitioner: FGDM attendees are named; a shared partner gets counts and no names', async () => {
    const kase = await coWorkedCase(t, w);
    const grandmother = await newNetworkMember(t, w.practitioner, kase.familyId);
    const aunt = await newNetworkMember(t, w.practitioner, kase.familyId, 'Ruth');
    const children = await personNames(kase.childIds);
    const created = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/fgdm-meetings`)
      .set(bearer(w.practitioner.token))
      .send({
        date: PAST.meeting,
        coordinator: 'Independent coordinator',
        attendees: {
          familyMemberIds: kase.childIds,
          networkMemberIds: [aunt, grandmother],
          professionals: [{ name: 'Priya Shah', role: 'school DSL' }],
        },
      });
    expect(created.status).toBe(201);
    const attendees = {
      familyMemberIds: kase.childIds,
      networkMemberIds: [aunt, grandmother],
      familyMembers: kase.childIds.map((id) => ({ id, name: children.get(id) })),
      networkMembers: [
        { id: aunt, name: 'Ruth Network' },
        { id: grandmother, name: 'Maureen Network' },
      ],
    };
    expect(created.body.attendees).toMatchObject(attendees);
    const list = await get(`/cases/${kase.caseId}/fgdm-meetings`, w.manager);
    expect(list.status).toBe(200);
    expect(list.body.data[0].attendees).toMatchObject(attendees);
    const one = await get(`/fgdm-meetings/${created.body.id}`, w.practitioner);
    expect(one.body.attendees).toMatchObject(attendees);

    await share(t, w.practitioner, `/fgdm-meetings/${created.body.id}`, health, 'consent');
    const shared = await get(`/fgdm-meetings/${created.body.id}`, health);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ familyAttendeeCount: 2, networkAttendeeCount: 2 });
    const body = JSON.stringify(shared.body);
    for (const n of ['Ruth Network', 'Maureen Network', ...children.values()])
      expect(body).not.toContain(n);
    const stranger = await get(`/fgdm-meetings/${created.body.id}`, other.practitioner);
    expect(stranger.status).toBe(404);
  });

  it('family_help_manager: indicator drill-down rows name the case’s lead practitioner and team; another LA’s manager gets neither row nor name', async () => {
    const kase = await seedCase(t, w, { referralDate: '2026-10-01' });
    const query = 'from=2026-10-01&to=2027-03-31';
    const res = await get(
      `/indicators/timescale_assessment/cases?${query}&teamId=${w.fhTeam.id}&limit=200`,
      w.manager,
    );
    expect(res.status).toBe(200);
    const rows = res.body.data.filter((r: { caseId: string }) => r.caseId === kase.caseId);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      expect(r).toMatchObject({
        teamId: w.fhTeam.id,
        teamName: nameOf(w.fhTeam),
        leadPractitionerId: w.practitioner.id,
        leadPractitionerName: nameOf(w.practitioner),
      });
    const stranger = await get(
      `/indicators/timescale_assessment/cases?${query}&limit=200`,
      other.manager,
    );
    expect(stranger.status).toBe(200);
    expect(stranger.body.data.map((r: { caseId: string }) => r.caseId)).not.toContain(kase.caseId);
    expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.practitioner) as string);
  });
});

describe('GET /people/lookup?ids= (staff names visible to the caller)', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let client: { id: string };
  let familyMember: TestUser;
  let names: Map<string, string>;
  const nameOf = (u: { id: string }) => names.get(u.id);
  const callers = new Map<string, TestUser>();

  const lookup = (token: string, ids: string[] | string) =>
    t
      .req()
      .get(`${API}/people/lookup?ids=${typeof ids === 'string' ? ids : ids.join(',')}`)
      .set(bearer(token));

  /** Every role an LA grants (family_member is not one): all are staff. */
  const STAFF_ROLES: Role[] = [...LA_ROLES];

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = await Promise.all([newWorld(t), newWorld(t)]);
    client = await newApiClient(t, w.laAdmin, ['cases:read'], 'Data warehouse');
    familyMember = await newFamilyMember(t, w.la.id);
    for (const role of STAFF_ROLES)
      callers.set(
        role,
        await newUser(t, w.la.id, [role], role === 'partner' ? { agency: 'police' } : {}),
      );
    names = await distinctNames(t, w.la.id);
  });
  afterAll(() => t.close());

  it.each(STAFF_ROLES)(
    '%s: names colleagues and API clients of its LA; another LA’s user, a family member and an unknown id are absent',
    async (role) => {
      const stranger = other.practitioner.id;
      const unknown = randomUUID();
      const res = await lookup((callers.get(role) as TestUser).token, [
        w.practitioner.id,
        w.ecpp.id,
        client.id,
        stranger,
        familyMember.id,
        unknown,
      ]);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      const byId = new Map(
        (res.body.data as { id: string; name: string; kind: string }[]).map((p) => [p.id, p]),
      );
      expect(byId.get(w.practitioner.id)).toEqual({
        id: w.practitioner.id,
        name: nameOf(w.practitioner),
        kind: 'user',
      });
      expect(byId.get(w.ecpp.id)?.name).toBe(nameOf(w.ecpp));
      expect(byId.get(client.id)).toEqual({ id: client.id, name: nameOf(client), kind: 'client' });
      expect([...byId.keys()].sort()).toEqual([w.practitioner.id, w.ecpp.id, client.id].sort());
    },
  );

  it('an API client with cases:read resolves the actor ids it reads (its own LA only)', async () => {
    const c = await newApiClient(t, w.laAdmin, ['cases:read']);
    const token = await t
      .req()
      .post(`${API}/auth/token`)
      .auth(c.clientId, c.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(token.status).toBe(200);
    const res = await lookup(token.body.access_token, [w.manager.id, other.manager.id]);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ id: w.manager.id, name: nameOf(w.manager), kind: 'user' }]);
  });

  it('an API client without a case scope (events:read) is refused (403)', async () => {
    const c = await newApiClient(t, w.laAdmin, ['events:read']);
    const token = await t
      .req()
      .post(`${API}/auth/token`)
      .auth(c.clientId, c.clientSecret)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    const res = await lookup(token.body.access_token, [w.manager.id]);
    expect(res.status).toBe(403);
  });

  it('family_member: not a staff route (refused, nothing named)', async () => {
    const res = await lookup(familyMember.token, [w.practitioner.id]);
    expect(res.status).toBe(404);
    expect(res.body.data).toBeUndefined();
  });

  it('platform_admin: no local authority of its own, refused (403)', async () => {
    const res = await lookup(await platformAdminToken(t), [w.practitioner.id]);
    expect(res.status).toBe(403);
  });

  it('without a token: 401', async () => {
    const res = await t.req().get(`${API}/people/lookup?ids=${w.practitioner.id}`);
    expect(res.status).toBe(401);
  });

  it.each([
    ['no ids', ''],
    ['an id that is not a UUID', 'not-a-uuid'],
    ['101 ids', Array.from({ length: 101 }, () => randomUUID()).join(',')],
  ])('400 naming ids for %s', async (_what, ids) => {
    const res = await lookup(w.practitioner.token, ids);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('ids');
  });

  it('400 naming ids when ids is missing', async () => {
    const res = await t.req().get(`${API}/people/lookup`).set(bearer(w.practitioner.token));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('ids');
  });
});

describe('display names of who recorded reviews and meetings and who made a plan version', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let health: TestUser;
  let names: Map<string, string>;
  const nameOf = (u: { id: string }) => names.get(u.id);

  beforeAll(async () => {
    t = await createTestApp();
    [w, other] = await Promise.all([newWorld(t), newWorld(t)]);
    health = await newPartner(t, w.la.id, 'health');
    names = await distinctNames(t, w.la.id);
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const get = (path: string, who: { token: string }) =>
    t.req().get(`${API}${path}`).set(bearer(who.token));
  const post = (path: string, who: { token: string }, body: object) =>
    t.req().post(`${API}${path}`).set(bearer(who.token)).send(body);

  it('family_help_practitioner: Family Help plan reviews name who recorded them; an id of another LA names nobody', async () => {
    const kase = await seedCase(t, w, { referralDate: PAST.referral });
    const path = `/cases/${kase.caseId}/family-help-plan`;
    const plan = await post(path, w.practitioner, {
      goals: [{ description: 'Amira attends school every day', actions: [] }],
    });
    expect(plan.status).toBe(201);
    const reviewed = await post(`${path}/reviews`, w.practitioner, {
      date: '2026-11-20',
      summary: 'Attendance up to 94%.',
    });
    expect(reviewed.status).toBe(201);
    const expected = { recordedById: w.practitioner.id, recordedByName: nameOf(w.practitioner) };
    expect(reviewed.body.reviews).toEqual([expect.objectContaining(expected)]);
    const got = await get(path, w.manager);
    expect(got.status).toBe(200);
    expect(got.body.reviews).toEqual([expect.objectContaining(expected)]);

    await sql(t, `UPDATE family_help_plan_review SET recorded_by_id = $2 WHERE id = $1`, [
      reviewed.body.reviews[0].id,
      other.practitioner.id,
    ]);
    const moved = await get(path, w.manager);
    expect(moved.body.reviews).toEqual([
      expect.objectContaining({ recordedById: other.practitioner.id, recordedByName: null }),
    ]);
    const stranger = await get(path, other.manager);
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.practitioner) as string);
  });

  it('family_help_practitioner and a shared partner: Family Network Plan versions name who made them and reviews who recorded them; another LA sees nothing', async () => {
    const kase = await coWorkedCase(t, w);
    const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    const plan = await draftFnp(t, w, kase, carer);
    const path = `/family-network-plans/${plan.id}`;
    const made = { createdById: w.practitioner.id, createdByName: nameOf(w.practitioner) };
    const versions = await get(`${path}/versions`, w.manager);
    expect(versions.status).toBe(200);
    expect(versions.body.data).toEqual([expect.objectContaining(made)]);
    expect((await post(`${path}/agreements`, w.ecpp, {})).status).toBe(201);
    expect((await post(`${path}/agreements`, w.manager, {})).status).toBe(201);
    const reviewed = await post(`${path}/reviews`, w.manager, {
      reviewedOn: TODAY,
      summary: 'Arrangement working; allowance continues.',
      nextReviewDate: FUTURE_REVIEW,
    });
    expect(reviewed.status).toBe(201);
    const recorded = { recordedById: w.manager.id, recordedByName: nameOf(w.manager) };
    expect(reviewed.body).toMatchObject(made);
    expect(reviewed.body.reviews).toEqual([expect.objectContaining(recorded)]);

    await share(t, w.practitioner, path, health, 'consent');
    const shared = await get(path, health);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject(made);
    expect(shared.body.reviews).toEqual([expect.objectContaining(recorded)]);

    // A name is looked up only in the plan's own LA: a recorder id of another LA names nobody.
    // (reviews are append-only: the trigger is set aside for this one test update)
    await sql(
      t,
      `BEGIN; SET LOCAL session_replication_role = replica;
       UPDATE family_network_plan_review SET recorded_by_id = '${other.manager.id}'
        WHERE plan_id = '${plan.id}'; COMMIT;`,
    );
    const moved = await get(path, w.manager);
    expect(moved.body.reviews).toEqual([
      expect.objectContaining({ recordedById: other.manager.id, recordedByName: null }),
    ]);
    const stranger = await get(path, other.manager);
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.manager) as string);
  });

  it('family_help_practitioner: Community Safety Plan reviews name who recorded them; an unshared partner sees nothing', async () => {
    const kase = await coWorkedCase(t, w);
    const plan = await startCsp(t, w, kase);
    const path = `/community-safety-plans/${plan.id}`;
    const reviewed = await post(`${path}/reviews`, w.practitioner, {
      reviewedOn: TODAY,
      summary: 'Disruption working.',
      nextReviewDate: FUTURE_REVIEW,
    });
    expect(reviewed.status).toBe(201);
    const expected = { recordedById: w.practitioner.id, recordedByName: nameOf(w.practitioner) };
    expect(reviewed.body.reviews).toEqual([expect.objectContaining(expected)]);
    const got = await get(path, w.ecpp);
    expect(got.status).toBe(200);
    expect(got.body.reviews).toEqual([expect.objectContaining(expected)]);
    const unshared = await get(path, health);
    expect(unshared.status).toBe(404);
    expect(JSON.stringify(unshared.body)).not.toContain(nameOf(w.practitioner) as string);
  });

  it('family_help_practitioner: FGDM meetings name who recorded them; an id of another LA names nobody', async () => {
    const kase = await coWorkedCase(t, w);
    const created = await post(`/cases/${kase.caseId}/fgdm-meetings`, w.practitioner, {
      date: PAST.meeting,
      coordinator: 'Independent coordinator',
      attendees: { familyMemberIds: [], networkMemberIds: [], professionals: [] },
    });
    expect(created.status).toBe(201);
    const expected = { recordedById: w.practitioner.id, recordedByName: nameOf(w.practitioner) };
    expect(created.body).toMatchObject(expected);
    const list = await get(`/cases/${kase.caseId}/fgdm-meetings`, w.manager);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([expect.objectContaining(expected)]);

    await sql(t, `UPDATE fgdm_meeting SET recorded_by_id = $2 WHERE id = $1`, [
      created.body.id,
      other.practitioner.id,
    ]);
    const moved = await get(`/fgdm-meetings/${created.body.id}`, w.manager);
    expect(moved.body).toMatchObject({ recordedById: other.practitioner.id, recordedByName: null });
    const stranger = await get(`/fgdm-meetings/${created.body.id}`, other.practitioner);
    expect(stranger.status).toBe(404);
  });

  it('ecpp and family_help_practitioner: case meetings and visits name who recorded them; another LA sees nothing', async () => {
    const kase = await coWorkedCase(t, w);
    const meeting = await post(`/cases/${kase.caseId}/meetings`, w.ecpp, {
      kind: 'strategy_discussion',
      date: PAST.meeting,
    });
    expect(meeting.status).toBe(201);
    const byEcpp = { recordedById: w.ecpp.id, recordedByName: nameOf(w.ecpp) };
    expect(meeting.body).toMatchObject(byEcpp);
    const visit = await post(`/cases/${kase.caseId}/visits`, w.practitioner, {
      childId: kase.childIds[0],
      date: PAST.meeting,
      seenAlone: true,
    });
    expect(visit.status).toBe(201);
    const byPractitioner = {
      recordedById: w.practitioner.id,
      recordedByName: nameOf(w.practitioner),
    };
    expect(visit.body).toMatchObject(byPractitioner);
    const meetings = await get(`/cases/${kase.caseId}/meetings`, w.manager);
    expect(meetings.status).toBe(200);
    expect(JSON.stringify(meetings.body)).toContain(nameOf(w.ecpp) as string);
    const visits = await get(`/cases/${kase.caseId}/visits`, w.manager);
    expect(visits.status).toBe(200);
    expect(JSON.stringify(visits.body)).toContain(nameOf(w.practitioner) as string);
    for (const list of ['meetings', 'visits']) {
      const stranger = await get(`/cases/${kase.caseId}/${list}`, other.manager);
      expect(stranger.status).toBe(404);
      expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.practitioner) as string);
    }
  });

  it('ecpp and family_help_practitioner: decisions name who recorded them and challenges who raised them; another LA sees nothing', async () => {
    const kase = await caseInChildProtection(t, w);
    const path = `/cases/${kase.caseId}/decisions`;
    const [decision] = (await get(path, w.practitioner)).body.data;
    const challenged = await post(`${path}/${decision.id}/challenges`, w.practitioner, {
      view: 'We disagree: the family network can keep the children safe.',
    });
    expect(challenged.status).toBe(201);
    const raised = { raisedById: w.practitioner.id, raisedByName: nameOf(w.practitioner) };
    expect(challenged.body).toMatchObject(raised);
    const list = await get(path, w.manager);
    expect(list.status).toBe(200);
    const listed = list.body.data.find((d: { id: string }) => d.id === decision.id);
    expect(listed.decidedByName).toBe(names.get(listed.decidedById));
    expect(listed.decidedByName).toEqual(expect.any(String));
    expect(listed.challenges).toEqual([expect.objectContaining(raised)]);
    const stranger = await get(path, other.manager);
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(nameOf(w.practitioner) as string);
  });
});
