/**
 * The access gate on every write route: no one may write to, or learn anything about, a case
 * they may not read. Each route is tried on
 *  - a RESTRICTED case of the caller's own team, where the caller is not its lead (404),
 *  - an unrestricted case of ANOTHER team (403: visible, not theirs), and
 *  - a restricted case of another team (404),
 * by a caller whose role holds the route's permission. A refusal writes nothing (no row, no
 * timeline event, no version bump) and is audited once, as a denial of that permission.
 * Finally, a list never shows a case that a single read refuses.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, bearer, newLa, newTeam, newUser, newWorld, TestUser, World } from './utils/factories';
import { auditRows, sql } from './utils/case.factories';
import {
  assignEcpp,
  caseFootprint,
  closeDb,
  decide,
  raiseConcern,
  seedCase,
  SeededCase,
} from './utils/cp.factories';

type Who = 'practitioner' | 'otherPractitioner' | 'ecpp2' | 'otherLaCpManager' | 'otherManager';
type Target = 'ownTeamRestricted' | 'otherTeam' | 'otherTeamRestricted';

interface Route {
  name: string;
  permission: string;
  method: 'post' | 'patch';
  path: (k: Fixture) => string;
  body: (k: Fixture) => object;
  headers?: Record<string, string>;
  /** Who tries it: a holder of the permission who is not entitled on these cases. */
  caller: Who;
}

interface Fixture extends SeededCase {
  decisionId: string;
  noteId: string;
}

const ROUTES: Route[] = [
  {
    name: 'raise a concern (naming a foreign child)',
    permission: 'concern.raise',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/concerns`,
    body: () => ({ summary: 'Probe', childIds: [randomUUID()] }),
    caller: 'practitioner',
  },
  {
    name: 'request a decision',
    permission: 'decision.request',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/decision-requests`,
    body: () => ({ type: 'start_section_47_enquiry', view: 'Probe' }),
    caller: 'practitioner',
  },
  {
    name: 'challenge a decision',
    permission: 'decision.challenge',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/decisions/${k.decisionId}/challenges`,
    body: () => ({ view: 'Probe' }),
    caller: 'practitioner',
  },
  {
    name: 'record a visit',
    permission: 'activity.record',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/visits`,
    body: (k) => ({ childId: k.childIds[0], date: '2026-12-20', seenAlone: true }),
    caller: 'practitioner',
  },
  {
    name: 'record an initial child protection conference',
    permission: 'activity.record',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/meetings`,
    body: () => ({ kind: 'initial_cp_conference', date: '2026-12-21' }),
    caller: 'practitioner',
  },
  {
    name: 'start an assessment',
    permission: 'assessment.record',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/assessments`,
    body: (k) => ({ childIds: k.childIds, startedOn: '2026-12-10' }),
    caller: 'practitioner',
  },
  {
    name: 'add a note',
    permission: 'case.note',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/notes`,
    body: () => ({ body: 'Probe' }),
    caller: 'practitioner',
  },
  {
    name: 'correct a note',
    permission: 'case.note',
    method: 'patch',
    path: (k) => `/cases/${k.caseId}/notes/${k.noteId}`,
    body: () => ({ body: 'Probe' }),
    headers: { 'If-Match': '"1"' },
    caller: 'practitioner',
  },
  {
    name: 'add an addendum to a note',
    permission: 'case.note',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/notes/${k.noteId}/addenda`,
    body: () => ({ body: 'Probe' }),
    caller: 'practitioner',
  },
  {
    name: 'start the Family Help plan',
    permission: 'case.plan',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/family-help-plan`,
    body: () => ({}),
    caller: 'practitioner',
  },
  {
    name: 'close the case',
    permission: 'case.close',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/close`,
    body: () => ({ reason: 'RC7', closedOn: TEST_TODAY }),
    caller: 'otherManager',
  },
  {
    name: 'propose closing the case',
    permission: 'closure.propose',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/closure-proposals`,
    body: () => ({ reason: 'RC8', closedOn: '2027-01-04', primaryNeed: 'N1' }),
    caller: 'practitioner',
  },
  {
    name: 'reopen the case',
    permission: 'case.reopen',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/reopen`,
    body: () => ({ reason: 'Probe', referral: { date: '2027-01-04', source: '2A' } }),
    caller: 'practitioner',
  },
  {
    name: 'reassign or restrict the case',
    permission: 'case.update',
    method: 'patch',
    path: (k) => `/cases/${k.caseId}`,
    body: () => ({ restricted: false }),
    headers: { 'If-Match': '"1"' },
    caller: 'otherManager',
  },
  {
    name: 'record a key decision (an ECPP of the CP team, not co-working)',
    permission: 'decision.record',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/decisions`,
    body: (k) => ({
      type: 'no_further_action',
      effectiveDate: '2026-12-22',
      childIds: k.childIds,
      rationale: 'A probe that is long enough to pass validation.',
    }),
    caller: 'ecpp2',
  },
  {
    name: 'assign an ECPP (a CP manager of another LA)',
    permission: 'coworker.assign',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/co-workers`,
    body: () => ({ userId: randomUUID() }),
    caller: 'otherLaCpManager',
  },
  {
    name: 'end co-working (a CP manager of another LA)',
    permission: 'coworker.end',
    method: 'post',
    path: (k) => `/cases/${k.caseId}/co-workers/${randomUUID()}/end`,
    body: () => ({ reason: 'Probe' }),
    caller: 'otherLaCpManager',
  },
];

/** The status each target must answer, by caller. */
function expected(caller: Who, target: Target): number {
  if (caller === 'otherLaCpManager') return 404;
  if (caller === 'practitioner' && target === 'otherTeam') return 403;
  if (caller === 'ecpp2' && target === 'otherTeam') return 403;
  if (caller === 'otherManager' && target === 'otherTeam') return 403;
  return 404;
}

describe('access gate: every write route refuses what the caller may not read', () => {
  let t: TestApp;
  let w: World;
  let callers: Record<Who, TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const otherLa = await newLa(t);
    // A Family Help manager of a third team: neither case's team is theirs.
    const otherManager = await newUser(t, w.la.id, ['family_help_manager']);
    await newTeam(t, w.laAdmin, 'family_help', [{ user: otherManager, profession: 'manager' }]);
    callers = {
      practitioner: w.practitioner,
      otherPractitioner: w.otherPractitioner,
      ecpp2: w.ecpp2,
      otherManager,
      otherLaCpManager: await newUser(t, otherLa.id, ['cp_manager']),
    };
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  /** A case in child protection (concern, ECPP co-working, s47) with a note by its lead. */
  async function fixture(target: Target): Promise<Fixture> {
    // The caller's own team is the world's Family Help team; "another team" is the other one,
    // whose practitioner leads it (the world's practitioner is then not on that team).
    const restricted = target !== 'otherTeam';
    const ownTeam = target === 'ownTeamRestricted';
    const lead = ownTeam ? w.manager : w.otherPractitioner;
    const k = await seedCase(t, w, { restricted, lead });
    if (!ownTeam)
      await sql(t, `UPDATE case_record SET team_id = $2 WHERE id = $1`, [
        k.caseId,
        w.otherFhTeam.id,
      ]);
    await raiseConcern(t, w, k, lead);
    await assignEcpp(t, w, k);
    const d = await decide(t, k, w.ecpp, {
      type: 'start_section_47_enquiry',
      effectiveDate: '2026-12-18',
      strategyDiscussionDate: '2026-12-18',
    });
    const note = await t
      .req()
      .post(`${API}/cases/${k.caseId}/notes`)
      .set(bearer(lead.token))
      .send({ body: 'Seen at home' });
    if (note.status !== 201) throw new Error(`note: ${note.status}`);
    return { ...k, decisionId: d.id, noteId: note.body.id };
  }

  async function footprint(k: Fixture) {
    const [extra] = await sql<Record<string, number>>(
      t,
      `SELECT (SELECT count(*)::int FROM case_note WHERE case_id = $1) AS notes,
              (SELECT count(*)::int FROM case_note_addendum WHERE case_id = $1) AS addenda,
              (SELECT version FROM case_note WHERE case_id = $1 LIMIT 1) AS note_version,
              (SELECT count(*)::int FROM family_help_plan WHERE case_id = $1) AS plans,
              (SELECT assessment_completed_at FROM case_record WHERE id = $1) AS assessed,
              (SELECT count(*)::int FROM assessment WHERE case_id = $1) AS assessments,
              (SELECT restricted FROM case_record WHERE id = $1) AS restricted`,
      [k.caseId],
    );
    return { ...(await caseFootprint(t, k.caseId)), ...extra };
  }

  const rows = ROUTES.flatMap((r) =>
    (['ownTeamRestricted', 'otherTeam', 'otherTeamRestricted'] as Target[]).map(
      (target) => [r.name, r.caller, target, expected(r.caller, target), r] as const,
    ),
  );

  it.each(rows)(
    '%s: %s on %s → %i, nothing written, denial audited',
    async (_n, who, target, status, route) => {
      const k = await fixture(target);
      const before = await footprint(k);
      const caller = callers[who];
      const agent = t.req();
      let req = agent[route.method](`${API}${route.path(k)}`).set(bearer(caller.token));
      for (const [h, v] of Object.entries(route.headers ?? {})) req = req.set(h, v);
      const res = await req.send(route.body(k));
      expect({ status: res.status, code: res.body.code }).toEqual({
        status,
        code: status === 404 ? 'not_found' : 'forbidden',
      });
      if (status === 404) expect(res.body.detail).toBe('Case not found');
      expect(await footprint(k)).toEqual(before);
      // This fixture's case and note are fresh: every denial on them is this request's.
      const denials = [
        ...(await auditRows(t, { actorId: caller.id, recordId: k.caseId })),
        ...(await auditRows(t, { actorId: caller.id, recordId: k.noteId })),
      ].filter((a) => a.outcome === 'denied');
      // Another LA's case is invisible to the caller, but the probe is on the trail (issue 12):
      // a row in the case's LA with its children, and one in the caller's LA with the id only.
      if (who === 'otherLaCpManager') {
        expect(denials.map((d) => [d.action, d.outcome, d.reason])).toEqual([
          [route.permission, 'denied', 'not visible'],
          [route.permission, 'denied', 'not visible'],
        ]);
        expect(denials.map((d) => d.child_ids.length > 0).sort()).toEqual([false, true]);
      } else {
        expect(denials).toHaveLength(1);
        expect(denials[0]).toMatchObject({
          action: route.permission,
          outcome: 'denied',
          reason: status === 404 ? 'restricted case' : 'not permitted on this case',
        });
        // The same shape as the role guard's denials: the permission and the route.
        const [row] = await sql<{ metadata: Record<string, unknown> }>(
          t,
          `SELECT metadata FROM audit_event WHERE actor_id = $1 AND outcome = 'denied'
              AND record_id IN ($2, $3)`,
          [caller.id, k.caseId, k.noteId],
        );
        expect(row.metadata).toMatchObject({
          permission: route.permission,
          method: route.method.toUpperCase(),
          path: expect.stringMatching(/^\/api\/v1\/cases\/:id/),
        });
      }
    },
  );

  it("a list (and the gate's set-based form) never shows a case a single read refuses (per role)", async () => {
    const fixtures = await Promise.all(
      (['ownTeamRestricted', 'otherTeam', 'otherTeamRestricted'] as Target[]).map(fixture),
    );
    for (const u of [
      w.practitioner,
      w.manager,
      w.ecpp,
      w.ecpp2,
      w.cpManager,
      w.otherPractitioner,
    ]) {
      const listed = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: {
          status: number;
          body: { data: { id: string }[]; nextCursor: string | null };
        } = await t
          .req()
          .get(`${API}/cases`)
          .query(cursor ? { cursor, limit: 100 } : { limit: 100 })
          .set(bearer(u.token));
        expect(page.status).toBe(200);
        for (const c of page.body.data) listed.add(c.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      // The set-based form of the gate agrees too (one query for all the ids).
      const actor: Actor = {
        kind: 'user',
        id: u.id,
        localAuthorityId: u.localAuthorityId,
        roles: u.roles,
        scopes: [],
        agency: null,
        name: u.email,
      };
      const allowed = await t.app
        .get(AccessService)
        .allowedCases(t.app.get(DataSource).manager, actor, 'case.read', [
          ...fixtures.map((k) => k.caseId),
          randomUUID(),
        ]);
      for (const k of fixtures) {
        const one = await t.req().get(`${API}/cases/${k.caseId}`).set(bearer(u.token));
        expect({ user: u.email, listed: listed.has(k.caseId), set: allowed.has(k.caseId) }).toEqual(
          {
            user: u.email,
            listed: one.status === 200,
            set: one.status === 200,
          },
        );
      }
    }
  });
});
