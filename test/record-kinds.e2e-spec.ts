/**
 * Every POST route with path parameters, through the record-kind registry (src/record-kinds.ts):
 *
 * - an Idempotency-Key answer kept for a caller is replayed only after the gate re-checks the
 *   record the route names — to a caller who may act it is replayed, to a caller of another LA
 *   holding the same permission it is a 404 (never the kept 201), and on a plan route a team
 *   member who lost sight of the case (restricted) gets a 404;
 * - a refusal by the route guard (a role without the permission) is audited with the record
 *   the route names, its LA and its children, so it appears in the child's access report.
 *
 * Keys are kept straight into the idempotency table with the hash the interceptor computes, so
 * every route is covered without building each route's body.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from 'src/access/actor';
import { isGranted, type Permission } from 'src/access/permissions';
import { paramsOf } from 'src/access/record-kind';
import type { Role } from 'src/access/roles';
import { requestHash } from 'src/idempotency/idempotency.service';
import { withoutContractCheck } from './utils/contract-recorder';
import { createTestApp, TestApp } from './utils/create-app';
import { API, bearer, newUser, newWorld, TestUser, World } from './utils/factories';
import { closeDb, db, SeededCase } from './utils/cp.factories';
import { pdf } from './utils/files';
import {
  addAction,
  coWorkedCase,
  draftFnp,
  newNetworkMember,
  PAST,
  startCsp,
} from './utils/plan.factories';

interface RouteEntry {
  method: string;
  path: string;
  permission: Permission;
}
const POSTS: RouteEntry[] = (
  JSON.parse(
    readFileSync(join(__dirname, '..', 'docs', 'route-permissions.json'), 'utf8'),
  ) as RouteEntry[]
).filter((r) => r.method === 'POST' && paramsOf(r.path).length > 0);
/** Routes a staff role of the test worlds may act on (an information request is answered only
 * by its addressee, a partner or MACPT member: test/nursery-bruise.e2e-spec.ts replays those). */
const STAFF = [
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'la_admin',
  'trainer',
  'auditor',
] as const;
const staffMayAct = (p: Permission) =>
  STAFF.some((role) =>
    isGranted({ kind: 'user', roles: [role], scopes: [] } as unknown as Actor, p),
  );

const UPLOAD = '/api/v1/cases/:id/documents';

describe('record kinds: replay re-check and guard denial audit on every POST route', () => {
  let t: TestApp;
  let a: World;
  let b: World;
  let kase: SeededCase;
  /** Route parameter → the id it takes in world A, and what the route names (kind, id, children). */
  const param: Record<string, string> = {};
  const named = new Map<
    string,
    { type: string | null; id: string | null; children: string[]; pathId: string }
  >();
  let member: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [a, b] = [await newWorld(t), await newWorld(t)];
    kase = await coWorkedCase(t, a, 2);
    const carer = await newNetworkMember(t, a.practitioner, kase.familyId);
    const fnp = await draftFnp(t, a, kase, carer);
    const csp = await startCsp(t, a, kase, kase.childIds[1]);
    const action = await addAction(t, a.practitioner, csp.id, 'police');
    const meeting = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/fgdm-meetings`)
      .set(bearer(a.practitioner.token))
      .send({
        date: PAST.meeting,
        coordinator: 'Independent coordinator',
        childIds: [kase.childIds[0]],
        attendees: { familyMemberIds: kase.childIds, networkMemberIds: [carer] },
        familyPlan: 'Grandmother helps.',
      })
      .expect(201);
    const note = await t
      .req()
      .post(`${API}/cases/${kase.caseId}/notes`)
      .set(bearer(a.practitioner.token))
      .send({ body: 'Visited the family; the children were seen.' })
      .expect(201);
    const c = await db(t);
    const assessment = (
      await c.query(
        `INSERT INTO assessment (case_id, local_authority_id, child_ids, started_on, created_by_id)
         VALUES ($1, $2, $3, '2026-10-01', $4) RETURNING id`,
        [kase.caseId, a.la.id, [kase.childIds[0]], a.practitioner.id],
      )
    ).rows[0].id as string;
    const webhook = (
      await c.query(
        `INSERT INTO webhook_subscription (local_authority_id, url, events, secret)
         VALUES ($1, 'https://example.org/hooks', '{case.opened}', 'kept-elsewhere') RETURNING id`,
        [a.la.id],
      )
    ).rows[0].id as string;
    const contact = (
      await c.query(
        `INSERT INTO contact (local_authority_id, received_at, decision_due_by, referrer_name,
           referrer_relationship, source, concern, urgency, consent_informed, status, recorded_by_id)
         VALUES ($1, '2026-10-01T09:00:00Z', '2026-10-02', 'A neighbour', 'neighbour', '1C',
           'Children left alone at night.', 'urgent', true, 'received', $2) RETURNING id`,
        [a.la.id, a.practitioner.id],
      )
    ).rows[0].id as string;
    await c.query(
      `INSERT INTO contact_child (contact_id, local_authority_id, position, person_id, first_name, last_name)
       VALUES ($1, $2, 0, $3, 'Child', 'Test')`,
      [contact, a.la.id, kase.childIds[0]],
    );
    // A closure proposal and a conference of the case (rows; their routes are judged on it).
    const proposal = (
      await c.query(
        `INSERT INTO closure_proposal (case_id, local_authority_id, reason, closed_on, primary_need,
                                       proposed_by_id)
         VALUES ($1, $2, 'RC8', '2026-11-30', 'N1', $3) RETURNING id`,
        [kase.caseId, a.la.id, a.practitioner.id],
      )
    ).rows[0].id as string;
    const conference = (
      await c.query(
        `INSERT INTO cp_conference (case_id, local_authority_id, type, child_ids, scheduled_for,
                                    chair_id, scheduled_by_id)
         VALUES ($1, $2, 'initial', $3, '2026-12-01T10:00:00Z', $4, $5) RETURNING id`,
        [kase.caseId, a.la.id, [kase.childIds[0]], a.chair.id, a.cpManager.id],
      )
    ).rows[0].id as string;
    member = await newUser(t, a.la.id, ['family_help_practitioner']);
    await t
      .req()
      .post(`${API}/teams/${a.fhTeam.id}/members`)
      .set(bearer(a.laAdmin.token))
      .send({ userId: member.id, profession: 'family_support_worker' })
      .expect(201);

    // A grant waiting for a second approver (dual control).
    const approval = await t
      .req()
      .post(`${API}/users`)
      .set(bearer(a.laAdmin.token))
      .send({
        email: `pending-${randomUUID().slice(0, 8)}@tandem.test`,
        name: 'Pending ECPP',
        password: 'correct-horse-battery-staple',
        roles: ['ecpp'],
        localAuthorityId: a.la.id,
      })
      .expect(202);

    const apiClient = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(a.laAdmin.token))
      .send({ name: 'Replay probe', scopes: ['events:read'] })
      .expect(201);

    const grant = (
      await c.query(
        `INSERT INTO family_access_grant (local_authority_id, case_id, person_id, scopes,
                                          safety_check_notes, contact_email, proposed_by_id)
         VALUES ($1, $2, $3, '{cp_plan}', 'Safety check done', 'kept@example.org', $4) RETURNING id`,
        [a.la.id, kase.caseId, kase.childIds[0], a.practitioner.id],
      )
    ).rows[0].id as string;
    const summary = (
      await c.query(
        `INSERT INTO family_summary (local_authority_id, case_id, plan_type, plan_id, plan_version,
                                     sections, created_by_id)
         VALUES ($1, $2, 'family_help_plan', gen_random_uuid(), 1, '{}', $3) RETURNING id`,
        [a.la.id, kase.caseId, a.practitioner.id],
      )
    ).rows[0].id as string;
    const decision = (
      await c.query(
        `SELECT id, child_ids FROM decision WHERE case_id = $1 ORDER BY created_at LIMIT 1`,
        [kase.caseId],
      )
    ).rows[0] as { id: string; child_ids: string[] };
    const discussion = (
      await c.query(
        `INSERT INTO strategy_discussion (case_id, local_authority_id, child_ids, concern_ids,
                                          scheduled_for, format, status, created_by_id)
         VALUES ($1, $2, $3, '{}', '2026-12-01T10:00:00Z', 'meeting', 'scheduled', $4)
         RETURNING id`,
        [kase.caseId, a.la.id, [kase.childIds[0]], a.ecpp.id],
      )
    ).rows[0].id as string;
    const request = (
      await c.query(
        `INSERT INTO information_request (case_id, local_authority_id, child_ids, recipient_agency,
                                          questions, gateway, uk_gdpr_condition, due_at, sent_by_id)
         VALUES ($1, $2, $3, 'police', '["Known to you?"]', 'children_act_1989_s47',
                 'uk_gdpr_6_1_e_public_task', '2026-12-20T17:00:00Z', $4) RETURNING id`,
        [kase.caseId, a.la.id, [kase.childIds[0]], a.ecpp.id],
      )
    ).rows[0].id as string;
    // An FGDM exemption awaiting a service manager (src/proceedings).
    const exemption = (
      await c.query(
        `INSERT INTO fgdm_exemption (case_id, local_authority_id, child_ids, scope, reason,
                                     proposed_by_id)
         VALUES ($1, $2, $3, 'offer', repeat('An offer is not in the child''s interests. ', 2), $4)
         RETURNING id`,
        [kase.caseId, a.la.id, [kase.childIds[0]], a.practitioner.id],
      )
    ).rows[0].id as string;
    const both = kase.childIds;
    const ids: [string, string, string, string | null, string[]][] = [
      // [path prefix, :param, id, record type, children]
      ['/api/v1/api-clients/:id', 'id', apiClient.body.id, 'api_client', []],
      ['/api/v1/approvals/:id', 'id', approval.body.id, 'approval_request', []],
      ['/api/v1/assessments/:id', 'id', assessment, 'assessment', [kase.childIds[0]]],
      ['/api/v1/cases/:id', 'id', kase.caseId, 'case', both],
      ['/api/v1/contacts/:id', 'id', contact, 'contact', [kase.childIds[0]]],
      ['/api/v1/closure-proposals/:id', 'id', proposal, 'closure_proposal', both],
      ['/api/v1/conferences/:id', 'id', conference, 'cp_conference', [kase.childIds[0]]],
      ['/api/v1/community-safety-plans/:id', 'id', csp.id, 'community_safety_plan', [both[1]]],
      ['/api/v1/families/:id', 'id', kase.familyId, 'family', both],
      ['/api/v1/family-network-plans/:id', 'id', fnp.id, 'family_network_plan', [both[0]]],
      ['/api/v1/fgdm-meetings/:id', 'id', meeting.body.id, 'fgdm_meeting', [both[0]]],
      ['/api/v1/fgdm-exemptions/:id', 'id', exemption, 'fgdm_exemption', [both[0]]],
      ['/api/v1/teams/:id', 'id', a.fhTeam.id, 'team', []],
      ['/api/v1/webhooks/:id', 'id', webhook, 'webhook', []],
      ['/api/v1/training/scenarios/:name', 'name', 'first-week', null, []],
      ['/api/v1/family-access/:id', 'id', grant, 'family_access_grant', both],
      ['/api/v1/family-summaries/:id', 'id', summary, 'family_summary', both],
      ['/api/v1/decisions/:id', 'id', decision.id, 'decision', decision.child_ids],
      [
        '/api/v1/strategy-discussions/:id',
        'id',
        discussion,
        'strategy_discussion',
        [kase.childIds[0]],
      ],
      ['/api/v1/information-requests/:id', 'id', request, 'information_request', [both[0]]],
    ];
    for (const [prefix, p, id, type, children] of ids) {
      named.set(prefix, { type, id: type ? id : null, children, pathId: id });
      if (p !== 'id') param[p] = id;
    }
    // A note's routes name the note (its case in :id).
    named.set('/api/v1/cases/:id/notes/:noteId', {
      type: 'case_note',
      id: note.body.id,
      children: both,
      pathId: kase.caseId,
    });
    Object.assign(param, {
      noteId: note.body.id,
      userId: a.ecpp.id,
      decisionId: randomUUID(),
      deliveryId: randomUUID(),
      actionId: action.id,
    });
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  /** The longest declared prefix of `path`. */
  const prefixOf = (path: string) =>
    [...named.keys()]
      .filter((p) => path === p || path.startsWith(`${p}/`))
      .sort((x, y) => y.length - x.length)[0];
  /** The route with world A's ids. */
  const url = (path: string) =>
    path.replace(/:([A-Za-z]+)/g, (_m, p: string) =>
      p === 'id' ? named.get(prefixOf(path))!.pathId : param[p],
    );

  /** A user of `w` holding `permission` (a role granted it), or one lacking it. */
  const ROLE_ORDER: Role[] = [
    'family_help_practitioner',
    'family_help_manager',
    'ecpp',
    'cp_manager',
    'la_admin',
    'trainer',
    'auditor',
    'partner',
    'conference_chair',
  ];
  const userOf = (w: World): Record<Role, TestUser | undefined> => ({
    family_help_practitioner: w.practitioner,
    family_help_manager: w.manager,
    ecpp: w.ecpp,
    cp_manager: w.cpManager,
    la_admin: w.laAdmin,
    trainer: w.trainer,
    auditor: w.auditor,
    partner: undefined,
    platform_admin: undefined,
    macpt_member: undefined,
    family_member: undefined,
    conference_chair: w.chair,
    service_manager: undefined,
    fgdm_coordinator: undefined,
  });
  const granted = (role: Role, p: Permission) =>
    isGranted({ kind: 'user', roles: [role], scopes: [] } as unknown as Actor, p);
  const holder = (w: World, p: Permission) => {
    const role = ROLE_ORDER.find((r) => granted(r, p) && userOf(w)[r])!;
    return { role, user: userOf(w)[role]! };
  };

  /** Keeps a 201 for (caller, key) exactly as the interceptor would have. */
  async function keep(who: TestUser, la: string, path: string, key: string): Promise<void> {
    const body = path === UPLOAD ? { body: { title: 'Kept' }, fileSha256: SHA } : {};
    await (
      await db(t)
    ).query(
      `INSERT INTO idempotency_key (caller_id, key, local_authority_id, request_hash, status,
                                    response_status, response_body, response_headers)
       VALUES ($1, $2, $3, $4, 'done', 201, $5::json, '{}')`,
      [who.id, key, la, requestHash('POST', url(path), body), JSON.stringify({ kept: 'SECRET' })],
    );
  }
  const FILE = pdf('Kept');
  const SHA = createHash('sha256').update(FILE).digest('hex') as string;
  function post(who: TestUser, path: string, headers: Record<string, string> = {}) {
    const send = async () => {
      const r = t.req().post(url(path)).set(bearer(who.token)).set(headers);
      return path === UPLOAD
        ? r
            .field('title', 'Kept')
            .attach('file', FILE, { filename: 'k.pdf', contentType: 'application/pdf' })
        : r.send({});
    };
    // A replay answers the kept fixture ({ kept: 'SECRET' }, 201), not the route's schema.
    return headers['Idempotency-Key'] ? withoutContractCheck(send) : send();
  }

  describe('a kept answer is replayed only after the gate re-checks the record', () => {
    it.each(POSTS.filter((r) => staffMayAct(r.permission)).map((r) => [r.path, r.permission]))(
      'POST %s (%s): replayed to a caller of the LA who may act; a 404, not the kept 201, to a caller of another LA with the same role',
      async (path, permission) => {
        const own = holder(a, permission);
        const other = holder(b, permission);
        const mine = randomUUID();
        const theirs = randomUUID();
        await keep(own.user, a.la.id, path, mine);
        await keep(other.user, b.la.id, path, theirs);
        const ok = await post(own.user, path, { 'Idempotency-Key': mine });
        const refused = await post(other.user, path, { 'Idempotency-Key': theirs });
        const catalogue = named.get(prefixOf(path))!.type === null;
        // The role is the whole permission on a catalogue name (a training scenario).
        expect([ok.status, ok.headers['idempotent-replayed']]).toEqual([201, 'true']);
        if (catalogue) {
          expect(refused.status).toBe(201);
        } else {
          expect(refused.status).toBe(404);
          expect(refused.headers['idempotent-replayed']).toBeUndefined();
          expect(JSON.stringify(refused.body)).not.toContain('SECRET');
        }
      },
    );

    const PLAN_POSTS = POSTS.filter(
      (r) =>
        /^\/api\/v1\/(community-safety-plans|family-network-plans|fgdm-meetings)\//.test(r.path) &&
        granted('family_help_practitioner', r.permission),
    );
    it('the plan routes are all covered by the restricted-case check below', () => {
      expect(PLAN_POSTS.map((r) => r.path)).toEqual(
        expect.arrayContaining([
          '/api/v1/community-safety-plans/:id/actions',
          '/api/v1/family-network-plans/:id/end',
          '/api/v1/fgdm-meetings/:id/partners',
        ]),
      );
    });

    it.each(PLAN_POSTS.map((r) => [r.path, r.permission]))(
      'POST %s (%s): a team practitioner whose key was kept, after the case is restricted → 404, not the kept 201',
      async (path) => {
        const key = randomUUID();
        await keep(member, a.la.id, path, key);
        await restrict(true);
        try {
          const res = await post(member, path, { 'Idempotency-Key': key });
          expect(res.status).toBe(404);
          expect(res.headers['idempotent-replayed']).toBeUndefined();
          expect(JSON.stringify(res.body)).not.toContain('SECRET');
        } finally {
          await restrict(false);
        }
      },
    );
  });

  async function restrict(on: boolean): Promise<void> {
    await (
      await db(t)
    ).query(`UPDATE case_record SET restricted = $2 WHERE id = $1`, [kase.caseId, on]);
  }

  describe('a refusal by the route guard is audited with the record, its LA and its children', () => {
    it.each(POSTS.map((r) => [r.path, r.permission]))(
      'POST %s (%s) by a role without it: 403, and the denial names the record, LA and children',
      async (path, permission) => {
        const role = ROLE_ORDER.find((r) => !granted(r, permission) && userOf(a)[r])!;
        const rid = `kinds-${randomUUID()}`;
        const res = await post(userOf(a)[role]!, path, { 'X-Request-Id': rid });
        expect([role, res.status]).toEqual([role, 403]);
        const want = named.get(prefixOf(path))!;
        const row = await deniedRow(rid);
        expect(row).toMatchObject({
          action: permission,
          record_type: want.type,
          record_id: want.id,
          local_authority_id: a.la.id,
        });
        expect([...row.child_ids].sort()).toEqual([...want.children].sort());
      },
    );
  });

  async function deniedRow(requestId: string) {
    const c = await db(t);
    for (let i = 0; i < 60; i++) {
      const { rows } = await c.query(
        `SELECT local_authority_id, action, record_type, record_id::text,
                child_ids::text[] AS child_ids
           FROM audit_event WHERE request_id = $1 AND outcome = 'denied'`,
        [requestId],
      );
      if (rows.length) return rows[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no denial row for ${requestId}`);
  }
});
