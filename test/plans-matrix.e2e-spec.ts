/**
 * Role × action matrix for every plan endpoint, partners included: who gets the success status,
 * who 403 and who 404, and that a refusal writes nothing (no plan row, no timeline event, no
 * audit write) while a success writes its row, its timeline event and its audit row.
 */
import { closeDb, SeededCase } from './utils/cp.factories';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newLa,
  newUser,
  newWorld,
  TestUser,
  World,
  approvePending,
} from './utils/factories';
import {
  addAction,
  coWorkedCase,
  cspBody,
  draftFnp,
  fnpBody,
  LONG_RATIONALE,
  newNetworkMember,
  newPartner,
  PAST,
  planFootprint,
  share,
  startCsp,
  TODAY,
} from './utils/plan.factories';

const ACTORS = [
  'lead',
  'manager',
  'ecpp',
  'unassignedEcpp',
  'cpManager',
  'otherTeamPractitioner',
  'sharedPolicePartner',
  'sharedSchoolPartner',
  'unsharedPartner',
  'laAdmin',
  'auditor',
  'trainer',
  'otherLaUser',
  'apiClient',
] as const;
type ActorName = (typeof ACTORS)[number];

interface Fixture {
  kase: SeededCase;
  carer: string;
  fgdm: string;
  fnp: { id: string; version: number };
  agreedFnp: string;
  csp: string;
  policeAction: string;
  health: TestUser;
  police: TestUser;
}

interface Endpoint {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => object;
  headers?: (f: Fixture) => Record<string, string>;
  ok: number;
  /** Expected outcome per actor in ACTORS order: 2 = ok, 3 = 403, 4 = 404. */
  table: string;
}

const ifMatch = (v: number) => ({ 'If-Match': `"${v}"` });
const partnerBody = (f: Fixture) => ({ userId: f.health.id, lawfulBasis: 'children_act_2004_s11' });
const review = { reviewedOn: TODAY, summary: 'Going well.', nextReviewDate: '2027-06-01' };

// Order: lead, manager, ecpp, unassignedEcpp, cpManager, otherTeam, police, school, unshared,
//        laAdmin, auditor, trainer, otherLa, apiClient
const STAFF_READ = '22222244433343';
const SHARED_READ = '22222224433343';
const SHARE = '23233344433343';
const SHARES = '22222244433343';
const FH_WRITE = '22333344433343';
const TEAM_OR_ECPP = '22233344433343';
const ECPP_DECIDES = '33233344433343';

const ENDPOINTS: Endpoint[] = [
  {
    name: 'record FGDM meeting',
    method: 'post',
    path: (f) => `/cases/${f.kase.caseId}/fgdm-meetings`,
    body: () => ({ date: PAST.meeting, coordinator: 'Coordinator', attendees: {} }),
    ok: 201,
    table: TEAM_OR_ECPP,
  },
  {
    name: 'list FGDM meetings',
    method: 'get',
    path: (f) => `/cases/${f.kase.caseId}/fgdm-meetings`,
    ok: 200,
    table: STAFF_READ,
  },
  {
    name: 'read FGDM meeting',
    method: 'get',
    path: (f) => `/fgdm-meetings/${f.fgdm}`,
    ok: 200,
    table: SHARED_READ,
  },
  {
    name: 'share FGDM meeting',
    method: 'post',
    path: (f) => `/fgdm-meetings/${f.fgdm}/partners`,
    body: partnerBody,
    ok: 201,
    table: SHARE,
  },
  {
    name: 'list FGDM meeting shares',
    method: 'get',
    path: (f) => `/fgdm-meetings/${f.fgdm}/partners`,
    ok: 200,
    table: SHARES,
  },
  {
    name: 'end FGDM meeting share',
    method: 'delete',
    path: (f) => `/fgdm-meetings/${f.fgdm}/partners/${f.police.id}`,
    ok: 200,
    table: SHARE,
  },
  {
    name: 'draft Family Network Plan',
    method: 'post',
    path: (f) => `/cases/${f.kase.caseId}/family-network-plans`,
    body: (f) => fnpBody(f.kase, f.carer),
    ok: 201,
    table: FH_WRITE,
  },
  {
    name: 'list Family Network Plans',
    method: 'get',
    path: (f) => `/cases/${f.kase.caseId}/family-network-plans`,
    ok: 200,
    table: STAFF_READ,
  },
  {
    name: 'read Family Network Plan',
    method: 'get',
    path: (f) => `/family-network-plans/${f.fnp.id}`,
    ok: 200,
    table: SHARED_READ,
  },
  {
    name: 'edit Family Network Plan',
    method: 'patch',
    path: (f) => `/family-network-plans/${f.fnp.id}`,
    body: () => ({ reviewDate: '2027-05-01' }),
    headers: (f) => ifMatch(f.fnp.version),
    ok: 200,
    table: FH_WRITE,
  },
  {
    name: 'read Family Network Plan versions',
    method: 'get',
    path: (f) => `/family-network-plans/${f.fnp.id}/versions`,
    ok: 200,
    table: SHARED_READ,
  },
  {
    name: 'agree Family Network Plan',
    method: 'post',
    path: (f) => `/family-network-plans/${f.fnp.id}/agreements`,
    body: () => ({}),
    ok: 201,
    table: '32233344433343',
  },
  {
    name: 'activate Family Network Plan',
    method: 'post',
    path: (f) => `/family-network-plans/${f.agreedFnp}/activate`,
    ok: 200,
    table: FH_WRITE,
  },
  {
    name: 'end Family Network Plan',
    method: 'post',
    path: (f) => `/family-network-plans/${f.fnp.id}/end`,
    body: () => ({ reason: 'No longer needed' }),
    ok: 200,
    table: FH_WRITE,
  },
  {
    name: 'review Family Network Plan',
    method: 'post',
    path: (f) => `/family-network-plans/${f.agreedFnp}/reviews`,
    body: () => review,
    ok: 201,
    table: FH_WRITE,
  },
  {
    name: 'share Family Network Plan',
    method: 'post',
    path: (f) => `/family-network-plans/${f.fnp.id}/partners`,
    body: partnerBody,
    ok: 201,
    table: SHARE,
  },
  {
    name: 'list Family Network Plan shares',
    method: 'get',
    path: (f) => `/family-network-plans/${f.fnp.id}/partners`,
    ok: 200,
    table: SHARES,
  },
  {
    name: 'end Family Network Plan share',
    method: 'delete',
    path: (f) => `/family-network-plans/${f.fnp.id}/partners/${f.police.id}`,
    ok: 200,
    table: SHARE,
  },
  {
    name: 'start community safety plan',
    method: 'post',
    path: (f) => `/cases/${f.kase.caseId}/community-safety-plans`,
    body: (f) => cspBody(f.kase.childIds[1]),
    ok: 201,
    table: ECPP_DECIDES,
  },
  {
    name: 'list community safety plans',
    method: 'get',
    path: (f) => `/cases/${f.kase.caseId}/community-safety-plans`,
    ok: 200,
    table: STAFF_READ,
  },
  {
    name: 'read community safety plan',
    method: 'get',
    path: (f) => `/community-safety-plans/${f.csp}`,
    ok: 200,
    table: '22222222433343',
  },
  {
    name: 'end community safety plan',
    method: 'post',
    path: (f) => `/community-safety-plans/${f.csp}/end`,
    body: () => ({ rationale: LONG_RATIONALE }),
    ok: 200,
    table: ECPP_DECIDES,
  },
  {
    name: 'add safety plan action',
    method: 'post',
    path: (f) => `/community-safety-plans/${f.csp}/actions`,
    body: () => ({ agency: 'youth_justice', description: 'Mentoring', dueDate: '2027-02-01' }),
    ok: 201,
    table: TEAM_OR_ECPP,
  },
  {
    name: "update the police's safety plan action",
    method: 'patch',
    path: (f) => `/community-safety-plans/${f.csp}/actions/${f.policeAction}`,
    body: () => ({ status: 'in_progress' }),
    headers: () => ifMatch(1),
    ok: 200,
    table: '22233323433343',
  },
  {
    name: 'review community safety plan',
    method: 'post',
    path: (f) => `/community-safety-plans/${f.csp}/reviews`,
    body: () => review,
    ok: 201,
    table: TEAM_OR_ECPP,
  },
  {
    name: 'share community safety plan',
    method: 'post',
    path: (f) => `/community-safety-plans/${f.csp}/partners`,
    body: partnerBody,
    ok: 201,
    table: SHARE,
  },
  {
    name: 'list community safety plan shares',
    method: 'get',
    path: (f) => `/community-safety-plans/${f.csp}/partners`,
    ok: 200,
    table: SHARES,
  },
  {
    name: 'end community safety plan share',
    method: 'delete',
    path: (f) => `/community-safety-plans/${f.csp}/partners/${f.police.id}`,
    ok: 200,
    table: SHARE,
  },
  {
    name: 'list what is shared with me',
    method: 'get',
    path: () => '/partner/shared',
    ok: 200,
    table: '33333322233333',
  },
  {
    name: 'list information sharing',
    method: 'get',
    path: (f) => `/information-sharing?caseId=${f.kase.caseId}`,
    ok: 200,
    table: '32332344432323',
  },
];

/** Actors whose 200 on a list must show none of this LA's case records. */
const SEES_NOTHING: Partial<Record<string, ActorName[]>> = {
  'list what is shared with me': ['unsharedPartner'],
  'list information sharing': ['otherLaUser'],
};

describe('plans: role × action matrix', () => {
  let t: TestApp;
  let w: World;
  const users = {} as Record<ActorName, TestUser>;
  let shared: Fixture;

  async function fixture(): Promise<Fixture> {
    const kase = await coWorkedCase(t, w, 2);
    const carer = await newNetworkMember(t, w.practitioner, kase.familyId);
    const meeting = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/fgdm-meetings`)
      .set(bearer(w.practitioner.token))
      .send({
        date: PAST.meeting,
        coordinator: 'Coordinator',
        attendees: { networkMemberIds: [carer] },
      });
    const fnp = await draftFnp(t, w, kase, carer);
    const agreedFnp = await draftFnp(t, w, kase, carer);
    await t
      .req()
      .post(`${API}/family-network-plans/${agreedFnp.id}/agreements`)
      .set(bearer(w.manager.token))
      .send({})
      .expect(201);
    const csp = await startCsp(t, w, kase, kase.childIds[0]);
    const action = await addAction(t, w.ecpp, csp.id, 'police');
    const police = users.sharedPolicePartner;
    await share(t, w.ecpp, `/community-safety-plans/${csp.id}`, police);
    await share(t, w.ecpp, `/community-safety-plans/${csp.id}`, users.sharedSchoolPartner);
    await share(t, w.practitioner, `/family-network-plans/${fnp.id}`, police);
    await share(t, w.practitioner, `/fgdm-meetings/${meeting.body.id}`, police);
    return {
      kase,
      carer,
      fgdm: meeting.body.id,
      fnp,
      agreedFnp: agreedFnp.id,
      csp: csp.id,
      policeAction: action.id,
      health: await health,
      police,
    };
  }
  let health: Promise<TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const otherLa = await newLa(t);
    health = newPartner(t, w.la.id, 'health');
    const [police, school, unshared, otherLaUser] = await Promise.all([
      newPartner(t, w.la.id, 'police'),
      newPartner(t, w.la.id, 'education'),
      newPartner(t, w.la.id, 'police'),
      newUser(t, otherLa.id, [
        'family_help_practitioner',
        'family_help_manager',
        'ecpp',
        'cp_manager',
      ]),
    ]);
    const client = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(w.laAdmin.token))
      .send({ name: 'Plans matrix', scopes: ['cases:write', 'families:write'] })
      .expect(201);
    await approvePending(t, client.body);
    const token = await t
      .req()
      .post(`${API}/auth/token`)
      .send({
        grant_type: 'client_credentials',
        client_id: client.body.clientId,
        client_secret: client.body.clientSecret,
      })
      .expect(200);
    Object.assign(users, {
      lead: w.practitioner,
      manager: w.manager,
      ecpp: w.ecpp,
      unassignedEcpp: w.ecpp2,
      cpManager: w.cpManager,
      otherTeamPractitioner: w.otherPractitioner,
      sharedPolicePartner: police,
      sharedSchoolPartner: school,
      unsharedPartner: unshared,
      laAdmin: w.laAdmin,
      auditor: w.auditor,
      trainer: w.trainer,
      otherLaUser,
      apiClient: { ...w.laAdmin, token: token.body.access_token },
    });
    shared = await fixture();
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  const STATUS = { '2': 0, '3': 403, '4': 404 } as const;
  const rows = ENDPOINTS.flatMap((e) =>
    ACTORS.map((actor, i) => {
      const code = e.table[i] as keyof typeof STATUS;
      return [e.name, actor, code === '2' ? e.ok : STATUS[code]] as const;
    }),
  );

  it('has a row for every endpoint × actor', () => {
    for (const e of ENDPOINTS)
      expect({ e: e.name, n: e.table.length }).toEqual({ e: e.name, n: ACTORS.length });
  });

  it.each(rows)('%s by %s → %i', async (name, actor, expected) => {
    const e = ENDPOINTS.find((x) => x.name === name)!;
    const writes = e.method !== 'get' && expected < 400;
    const f = writes ? await fixture() : shared;
    const before = await planFootprint(t, f.kase.caseId);
    const agent = t.req();
    const call = agent[e.method](`${API}${e.path(f)}`)
      .set(bearer(users[actor].token))
      .set(e.headers?.(f) ?? {});
    const res = e.body ? await call.send(e.body(f)) : await call;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    const after = await planFootprint(t, f.kase.caseId);
    if (!writes) {
      expect(after).toEqual(before);
      if (SEES_NOTHING[name]?.includes(actor)) {
        const text = JSON.stringify(res.body);
        for (const id of [f.kase.caseId, f.csp, f.fnp.id, f.fgdm]) expect(text).not.toContain(id);
      }
      return;
    }
    expect(after.events).toBeGreaterThan(before.events);
    expect(after.audit_writes).toBeGreaterThan(before.audit_writes);
    expect(after).not.toEqual({
      ...before,
      events: after.events,
      audit_writes: after.audit_writes,
    });
  });
});
