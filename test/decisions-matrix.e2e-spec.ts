/**
 * The permission matrix of the co-working model, as exact HTTP status codes: every decision
 * endpoint and stage-changing action, tried by every role (plus an ECPP not assigned to the
 * case, a Family Help practitioner of another team, a user of another LA holding every case
 * role, the platform admin, and an API client token with `cases:write`). Each row runs on a
 * fresh case in child protection (concern raised, ECPP assigned, s47 started); a refused call
 * must leave every co-working table, the timeline and the case version exactly as they were.
 */
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newLa,
  newUser,
  newWorld,
  platformAdminToken,
  World,
  approvePending,
} from './utils/factories';
import { caseInChildProtection, closeDb, db, RATIONALE, SeededCase } from './utils/cp.factories';

const ACTORS = [
  'practitioner',
  'manager',
  'ecpp',
  'unassignedEcpp',
  'cpManager',
  'otherTeamPractitioner',
  'partner',
  'laAdmin',
  'auditor',
  'trainer',
  'platformAdmin',
  'otherLaUser',
  'apiClient',
] as const;
type ActorName = (typeof ACTORS)[number];

interface Action {
  name: string;
  method?: 'get' | 'post' | 'patch' | 'delete';
  /** Builds the request for a fresh case; `decisionId` is the case's s47 decision. */
  request: (k: SeededCase & { decisionId: string }, w: World) => { path: string; body?: object };
  /** The status a successful call returns. */
  ok: number;
  /** Who succeeds; everyone else gets `denied[actor]` or 403. */
  allowed: ActorName[];
  /** Record-level refusals that are 404 rather than 403. */
  notFound?: ActorName[];
  /** Rows a successful call adds, per table. */
  effect: Partial<Record<string, number>>;
}

/** Case readers: the case roles of the LA (the case is not restricted) and case-scoped clients. */
const READERS: ActorName[] = [
  'practitioner',
  'manager',
  'ecpp',
  'unassignedEcpp',
  'cpManager',
  'otherTeamPractitioner',
  'apiClient',
];
const NOTHING = {
  decision: 0,
  decision_request: 0,
  decision_challenge: 0,
  case_concern: 0,
  case_co_worker: 0,
  case_meeting: 0,
  case_visit: 0,
  case_event: 0,
};

const ACTIONS: Action[] = [
  {
    name: 'record decision',
    effect: { decision: 1 },
    request: (k) => ({
      path: `/cases/${k.caseId}/decisions`,
      body: {
        type: 'convene_initial_cp_conference',
        rationale: RATIONALE,
        childIds: k.childIds,
        effectiveDate: '2027-01-08',
        conferenceDate: '2027-01-12',
      },
    }),
    ok: 201,
    allowed: ['ecpp'],
  },
  {
    name: 'assign co-worker',
    effect: { case_co_worker: 1 },
    request: (k, w) => ({
      path: `/cases/${k.caseId}/co-workers`,
      body: { userId: w.ecpp2.id, kind: 'cover', assignedOn: '2027-01-04', to: '2027-01-20' },
    }),
    ok: 201,
    allowed: ['cpManager'],
  },
  {
    // A second accountable ECPP while one is active: the cp_manager passes the gate and is refused.
    name: 'assign a second accountable ECPP',
    effect: NOTHING,
    request: (k, w) => ({
      path: `/cases/${k.caseId}/co-workers`,
      body: { userId: w.ecpp2.id, assignedOn: '2027-01-04' },
    }),
    ok: 409,
    allowed: ['cpManager'],
  },
  {
    name: 'end co-working',
    effect: { case_co_worker: 0, decision: 0 },
    request: (k, w) => ({
      path: `/cases/${k.caseId}/co-workers/${w.ecpp.id}/end`,
      body: { reason: 'Reallocated within the CP team' },
    }),
    ok: 200,
    allowed: ['cpManager'],
  },
  {
    name: 'raise concern',
    effect: { case_concern: 1 },
    request: (k) => ({
      path: `/cases/${k.caseId}/concerns`,
      body: { summary: 'New disclosure at school', childIds: k.childIds },
    }),
    ok: 201,
    allowed: ['practitioner', 'manager', 'ecpp'],
  },
  {
    name: 'request decision',
    effect: { decision_request: 1 },
    request: (k) => ({
      path: `/cases/${k.caseId}/decision-requests`,
      body: { type: 'convene_initial_cp_conference', view: 'The enquiry supports a conference.' },
    }),
    ok: 201,
    allowed: ['practitioner', 'manager'],
  },
  {
    name: 'challenge decision',
    effect: { decision_challenge: 1 },
    request: (k) => ({
      path: `/cases/${k.caseId}/decisions/${k.decisionId}/challenges`,
      body: { view: 'We disagree with starting enquiries now.' },
    }),
    ok: 201,
    allowed: ['practitioner', 'manager'],
  },
  {
    name: 'record meeting',
    effect: { case_meeting: 1 },
    request: (k) => ({
      path: `/cases/${k.caseId}/meetings`,
      body: { kind: 'initial_cp_conference', date: '2027-01-12' },
    }),
    ok: 201,
    allowed: ['practitioner', 'manager', 'ecpp'],
  },
  {
    name: 'record visit',
    effect: { case_visit: 1 },
    request: (k) => ({
      path: `/cases/${k.caseId}/visits`,
      body: { childId: k.childIds[0], date: '2027-01-04', seenAlone: true },
    }),
    ok: 201,
    allowed: ['practitioner', 'manager', 'ecpp'],
  },
  {
    // Closing at once is the team manager's; on a case in child protection it is refused (409,
    // concern_open / s47_open) for them, and 403 for everyone else.
    name: 'close case',
    effect: NOTHING,
    request: (k) => ({
      path: `/cases/${k.caseId}/close`,
      body: { reason: 'RC8', closedOn: TEST_TODAY },
    }),
    ok: 409,
    allowed: ['manager'],
  },
  {
    // The case's Family Help team proposes closure; here an open s47 blocks it (409).
    name: 'propose closure',
    effect: NOTHING,
    request: (k) => ({
      path: `/cases/${k.caseId}/closure-proposals`,
      body: { reason: 'RC8', closedOn: '2027-01-04', primaryNeed: 'N1' },
    }),
    ok: 409,
    allowed: ['practitioner', 'manager'],
  },
  {
    name: 'read decisions',
    method: 'get',
    request: (k) => ({ path: `/cases/${k.caseId}/decisions` }),
    ok: 200,
    allowed: READERS,
    effect: NOTHING,
  },
  {
    name: 'read decision requests',
    method: 'get',
    request: (k) => ({ path: `/cases/${k.caseId}/decision-requests` }),
    ok: 200,
    allowed: READERS,
    effect: NOTHING,
  },
  {
    name: 'read timescales',
    method: 'get',
    request: (k) => ({ path: `/cases/${k.caseId}/timescales?asOf=2027-01-05` }),
    ok: 200,
    allowed: READERS,
    effect: NOTHING,
  },
  {
    name: 'patch decision',
    method: 'patch',
    request: (k) => ({
      path: `/cases/${k.caseId}/decisions/${k.decisionId}`,
      body: { rationale: 'Edited after the event, which must be impossible.' },
    }),
    ok: 405,
    allowed: [...ACTORS],
    effect: NOTHING,
  },
  {
    name: 'delete decision',
    method: 'delete',
    request: (k) => ({ path: `/cases/${k.caseId}/decisions/${k.decisionId}` }),
    ok: 405,
    allowed: [...ACTORS],
    effect: NOTHING,
  },
];

/** Every refusal is 403 except for another LA's user: 404 everywhere (but 405 stays 405). */
/** A partner user is refused with 404 wherever its role does not reach (nothing else exists for it). */
const NOT_FOUND: ActorName[] = ['otherLaUser', 'partner'];

const TABLES = [
  'decision',
  'decision_request',
  'decision_challenge',
  'case_concern',
  'case_co_worker',
  'case_meeting',
  'case_visit',
  'case_event',
];

describe('decisions permission matrix', () => {
  let t: TestApp;
  let w: World;
  const tokens = {} as Record<ActorName, string>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const otherLa = await newLa(t);
    const [partner, otherLaUser] = await Promise.all([
      newUser(t, w.la.id, ['partner'], { agency: 'police' }),
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
      .send({ name: 'Matrix integration', scopes: ['cases:write'] })
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
    Object.assign(tokens, {
      practitioner: w.practitioner.token,
      manager: w.manager.token,
      ecpp: w.ecpp.token,
      unassignedEcpp: w.ecpp2.token,
      cpManager: w.cpManager.token,
      otherTeamPractitioner: w.otherPractitioner.token,
      partner: partner.token,
      laAdmin: w.laAdmin.token,
      auditor: w.auditor.token,
      trainer: w.trainer.token,
      platformAdmin: await platformAdminToken(t),
      otherLaUser: otherLaUser.token,
      apiClient: token.body.access_token,
    });
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  async function snapshot(caseId: string) {
    const c = await db(t);
    const counts = await c.query(
      `SELECT ${TABLES.map((x) => `(SELECT count(*)::int FROM ${x}) AS ${x}`).join(', ')},
              (SELECT version FROM case_record WHERE id = $1) AS version,
              (SELECT stage FROM case_record WHERE id = $1) AS stage`,
      [caseId],
    );
    return counts.rows[0] as Record<string, number | string>;
  }

  const rows = ACTIONS.flatMap((action) =>
    ACTORS.map((actor) => {
      const expected = action.allowed.includes(actor)
        ? action.ok
        : [...NOT_FOUND, ...(action.notFound ?? [])].includes(actor)
          ? 404
          : 403;
      return [action.name, actor, expected] as const;
    }),
  );

  it('has a row for every action × actor', () => {
    expect(rows).toHaveLength(ACTIONS.length * ACTORS.length);
  });

  it.each(rows)('%s by %s → %i', async (actionName, actor, expected) => {
    const action = ACTIONS.find((a) => a.name === actionName)!;
    const kase = await caseInChildProtection(t, w);
    const c = await db(t);
    const s47 = await c.query(`SELECT id FROM decision WHERE case_id = $1`, [kase.caseId]);
    const { path, body } = action.request({ ...kase, decisionId: s47.rows[0].id }, w);

    const before = await snapshot(kase.caseId);
    const method = action.method ?? 'post';
    const call = t.req()[method](`${API}${path}`).set(bearer(tokens[actor]));
    const res = body ? await call.send(body) : await call;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    const after = await snapshot(kase.caseId);
    if (expected >= 400 || method === 'get') {
      expect(after).toEqual(before);
      return;
    }
    const delta = Object.fromEntries(
      TABLES.map((x) => [x, (after[x] as number) - (before[x] as number)]),
    );
    expect(delta).toMatchObject(action.effect);
    expect(delta.case_event).toBeGreaterThanOrEqual(1);
  });
});
