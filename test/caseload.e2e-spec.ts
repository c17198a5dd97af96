/**
 * Caseload views for practitioner UIs: `GET /cases?mine=…` (lead, co_working, team) with stage
 * and overdue filters, `GET /children/:personId/cases`, and case responses that name their
 * children (with plan status), lead practitioner and co-workers and show the next timescale —
 * in a constant number of queries per page.
 */
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { addDays } from 'src/common/working-days';
import { createTestApp, TEST_TODAY, TestApp } from './utils/create-app';
import { API, approvePending, bearer, newWorld, TestUser, World } from './utils/factories';
import { sql } from './utils/case.factories';
import {
  assignEcpp,
  closeDb,
  convenedAndOnPlan,
  db,
  decide,
  reviewedAndEnded,
  raiseConcern,
  SeededCase,
  seedCase,
} from './utils/cp.factories';

const today = TEST_TODAY;

async function clientToken(t: TestApp, w: World, scopes: string[]) {
  const c = await t
    .req()
    .post(`${API}/api-clients`)
    .set(bearer(w.laAdmin.token))
    .send({ name: 'Integration', scopes });
  await approvePending(t, c.body);
  const tok = await t.req().post(`${API}/auth/token`).send({
    grant_type: 'client_credentials',
    client_id: c.body.clientId,
    client_secret: c.body.clientSecret,
  });
  return tok.body.access_token as string;
}

/** A case in child protection today with the world's ECPP co-working and its children on a
 * NEG plan (all dated today, so the dates rules accept it whenever the test runs). */
async function caseOnPlan(t: TestApp, w: World): Promise<SeededCase> {
  const kase = await seedCase(t, w, { children: 2, referralDate: addDays(today, -20) });
  await raiseConcern(t, w, kase);
  await assignEcpp(t, w, kase);
  await decide(t, kase, w.ecpp, {
    type: 'start_section_47_enquiry',
    effectiveDate: today,
    strategyDiscussionDate: today,
  });
  await convenedAndOnPlan(t, kase, w.ecpp, today, today, kase.childIds, w);
  return kase;
}

describe('caseload views', () => {
  let t: TestApp;
  let w: World;
  let overdueLed: SeededCase; // led by the practitioner, assessment overdue
  let managerLed: SeededCase; // led by the manager, same team
  let onPlan: SeededCase; // led by the practitioner, co-worked by the ECPP, children on a plan
  let otherTeam: SeededCase; // another Family Help team's case
  let closed: SeededCase; // led by the practitioner, closed

  const get = (who: TestUser | string, path: string, query: Record<string, unknown> = {}) =>
    t
      .req()
      .get(`${API}${path}`)
      .query(query)
      .set(bearer(typeof who === 'string' ? who : who.token));
  const ids = (body: { data: { id: string }[] }) => body.data.map((c) => c.id).sort();

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    overdueLed = await seedCase(t, w, { referralDate: addDays(today, -120) });
    managerLed = await seedCase(t, w, { lead: w.manager, referralDate: addDays(today, -1) });
    onPlan = await caseOnPlan(t, w);
    otherTeam = await seedCase(t, w, { lead: w.otherPractitioner });
    await sql(t, `UPDATE case_record SET team_id = $2 WHERE id = $1`, [
      otherTeam.caseId,
      w.otherFhTeam.id,
    ]);
    closed = await seedCase(t, w);
    await sql(
      t,
      `UPDATE case_record SET stage = 'closed', closed_at = now(), closure_reason = 'RC7' WHERE id = $1`,
      [closed.caseId],
    );
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  describe('GET /cases?mine=', () => {
    const cases = () => ({ overdueLed, managerLed, onPlan, otherTeam, closed });
    it.each([
      ['family_help_practitioner', 'practitioner', 'lead', ['overdueLed', 'onPlan']],
      ['family_help_practitioner', 'practitioner', 'co_working', []],
      ['family_help_practitioner', 'practitioner', 'team', ['overdueLed', 'managerLed', 'onPlan']],
      ['family_help_manager', 'manager', 'lead', ['managerLed']],
      ['family_help_manager', 'manager', 'team', ['overdueLed', 'managerLed', 'onPlan']],
      ['family_help_practitioner (other team)', 'otherPractitioner', 'team', ['otherTeam']],
      ['ecpp (co-working)', 'ecpp', 'co_working', ['onPlan']],
      ['ecpp (co-working)', 'ecpp', 'lead', []],
      ['ecpp (not assigned)', 'ecpp2', 'co_working', []],
      ['ecpp (same CP team)', 'ecpp2', 'team', ['onPlan']],
      ['cp_manager', 'cpManager', 'team', ['onPlan']],
    ] as const)('%s (%s) mine=%s lists exactly its open cases', async (_r, who, mine, expected) => {
      const res = await get(w[who], '/cases', { mine });
      expect(res.status).toBe(200);
      const all = cases() as Record<string, SeededCase>;
      expect(ids(res.body)).toEqual(expected.map((k) => all[k].caseId).sort());
      expect(res.body.nextCursor).toBeNull();
    });

    it('stage=closed brings back the closed cases of a caseload', async () => {
      const res = await get(w.practitioner, '/cases', { mine: 'lead', stage: 'closed' });
      expect(ids(res.body)).toEqual([closed.caseId]);
    });

    it('filters by stage and by overdue', async () => {
      const cp = await get(w.practitioner, '/cases', { mine: 'lead', stage: 'child_protection' });
      expect(ids(cp.body)).toEqual([onPlan.caseId]);
      const late = await get(w.practitioner, '/cases', { mine: 'team', overdue: 'true' });
      expect(ids(late.body)).toEqual([overdueLed.caseId]);
      const onTime = await get(w.practitioner, '/cases', { mine: 'team', overdue: 'false' });
      expect(ids(onTime.body)).toEqual([managerLed.caseId, onPlan.caseId].sort());
    });

    it('pages by keyset, newest first, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await get(w.manager, '/cases', {
          mine: 'team',
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toEqual([onPlan.caseId, managerLed.caseId, overdueLed.caseId]);
    });

    it('overdue with a small limit pages through the matches only', async () => {
      const first = await get(w.manager, '/cases', { mine: 'team', overdue: 'false', limit: 1 });
      expect(ids(first.body)).toEqual([onPlan.caseId]);
      const second = await get(w.manager, '/cases', {
        mine: 'team',
        overdue: 'false',
        limit: 1,
        cursor: first.body.nextCursor,
      });
      expect(ids(second.body)).toEqual([managerLed.caseId]);
    });

    it.each([
      ['mine=everyone', { mine: 'everyone' }, 'mine'],
      ['overdue=yes', { overdue: 'yes' }, 'overdue'],
      ['limit=201', { limit: 201 }, 'limit'],
    ])('400 naming the field for %s', async (_n, query, field) => {
      const res = await get(w.practitioner, '/cases', query);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('an API client has no caseload: 400 naming mine', async () => {
      const token = await clientToken(t, w, ['cases:read']);
      const res = await get(token, '/cases', { mine: 'lead' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('mine');
    });

    it.each([
      ['la_admin', 'laAdmin'],
      ['auditor', 'auditor'],
      ['trainer', 'trainer'],
    ] as const)('%s may not list cases: 403', async (_r, who) => {
      expect((await get(w[who], '/cases', { mine: 'team' })).status).toBe(403);
    });

    it('another local authority sees none of these cases', async () => {
      const w2 = await newWorld(t);
      const res = await get(w2.manager, '/cases', { mine: 'team' });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    });

    it('every listed case is audited as case.list with its children', async () => {
      await get(w.ecpp, '/cases', { mine: 'co_working' });
      const rows = await sql<{ child_ids: string[]; metadata: { mine: string } }>(
        t,
        `SELECT child_ids, metadata FROM audit_event
          WHERE action = 'case.list' AND actor_id = $1 AND record_id = $2`,
        [w.ecpp.id, onPlan.caseId],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect([...rows[0].child_ids].sort()).toEqual([...onPlan.childIds].sort());
      expect(rows[0].metadata.mine).toBe('co_working');
    });
  });

  describe('the case response names and statuses', () => {
    it('children with names, DOB, onPlan and safety plan; lead and co-workers named; next timescale', async () => {
      const res = await get(w.practitioner, `/cases/${onPlan.caseId}`);
      expect(res.status).toBe(200);
      expect(res.body.leadPractitioner).toEqual({
        id: w.practitioner.id,
        name: 'family_help_practitioner user',
      });
      expect(res.body.coWorkers).toEqual([
        { userId: w.ecpp.id, name: 'ecpp user', role: 'ecpp', assignedAt: expect.any(String) },
      ]);
      const children = [...res.body.children].sort((a, b) =>
        a.firstName.localeCompare(b.firstName),
      );
      expect(children).toEqual([
        {
          id: expect.any(String),
          firstName: 'Child1',
          lastName: 'Test',
          dateOfBirth: '2019-03-01',
          onPlan: { category: 'NEG', since: today },
          safetyPlanId: null,
        },
        {
          id: expect.any(String),
          firstName: 'Child2',
          lastName: 'Test',
          dateOfBirth: '2019-03-02',
          onPlan: { category: 'NEG', since: today },
          safetyPlanId: null,
        },
      ]);
      expect(res.body.overdueCount).toBe(0);
      expect(res.body.nextTimescale).toMatchObject({ status: 'due' });
      // The next item is the earliest outstanding one of the case's timescales.
      const ts = await get(w.practitioner, `/cases/${onPlan.caseId}/timescales`);
      // (an array today; `{ data }` per API.md once the dates work lands)
      const items: { status: string; dueDate: string; kind: string }[] = Array.isArray(ts.body)
        ? ts.body
        : ts.body.data;
      const outstanding: { dueDate: string; kind: string }[] = items.filter(
        (x: { status: string }) => ['due', 'overdue'].includes(x.status),
      );
      expect(res.body.nextTimescale.dueDate).toBe(outstanding[0].dueDate);
      expect(res.body.nextTimescale.kind).toBe(outstanding[0].kind);
    });

    it('an overdue assessment is the next item, counted as overdue; no plan shows null', async () => {
      const res = await get(w.practitioner, `/cases/${overdueLed.caseId}`);
      expect(res.body.nextTimescale).toMatchObject({ kind: 'assessment', status: 'overdue' });
      expect(res.body.overdueCount).toBe(1);
      expect(res.body.children[0]).toMatchObject({ onPlan: null, safetyPlanId: null });
    });

    it('a plan ended by a step-down decision no longer shows', async () => {
      const kase = await caseOnPlan(t, w);
      await reviewedAndEnded(t, w, kase, today, [kase.childIds[0]]);
      const res = await get(w.practitioner, `/cases/${kase.caseId}`);
      const byId = Object.fromEntries(
        res.body.children.map((c: { id: string; onPlan: unknown }) => [c.id, c.onPlan]),
      );
      expect(byId[kase.childIds[0]]).toBeNull();
      expect(byId[kase.childIds[1]]).toEqual({ category: 'NEG', since: today });
    });
  });

  describe('GET /children/:personId/cases', () => {
    it("lists the child's cases for case roles", async () => {
      const res = await get(w.ecpp, `/children/${onPlan.childIds[0]}/cases`);
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual([onPlan.caseId]);
      expect(res.body.data[0].children.length).toBe(2);
    });

    it('404 for an unknown child, an adult, another LA, or a restricted case the caller may not open', async () => {
      const w2 = await newWorld(t);
      expect((await get(w2.practitioner, `/children/${onPlan.childIds[0]}/cases`)).status).toBe(
        404,
      );
      expect(
        (await get(w.practitioner, `/children/00000000-0000-4000-8000-000000000000/cases`)).status,
      ).toBe(404);
      const adult = await sql<{ id: string }>(
        t,
        `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name)
         VALUES ($1, $2, 'adult', 'Parent', 'Test') RETURNING id`,
        [w.la.id, onPlan.familyId],
      );
      expect((await get(w.practitioner, `/children/${adult[0].id}/cases`)).status).toBe(404);
      const hidden = await seedCase(t, w, { restricted: true, lead: w.manager });
      expect((await get(w.otherPractitioner, `/children/${hidden.childIds[0]}/cases`)).status).toBe(
        404,
      );
      expect((await get(w.manager, `/children/${hidden.childIds[0]}/cases`)).status).toBe(200);
    });

    it.each([
      ['la_admin', 'laAdmin'],
      ['auditor', 'auditor'],
    ] as const)('%s: 403', async (_r, who) => {
      expect((await get(w[who], `/children/${onPlan.childIds[0]}/cases`)).status).toBe(403);
    });

    it('400 for a malformed id', async () => {
      expect((await get(w.practitioner, `/children/not-a-uuid/cases`)).status).toBe(400);
    });
  });
});

describe('caseload query count', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await newWorld(t);
    const c = await db(t);
    // 55 cases led by the practitioner, two children each, a co-worker on every fifth.
    for (let i = 0; i < 55; i++) {
      const kase = await seedCase(t, w, { children: 2, referralDate: addDays(today, -i) });
      if (i % 5 === 0)
        await c.query(
          `INSERT INTO case_co_worker (case_id, user_id, role, assigned_by_id, assigned_on)
       SELECT $1, $2, 'ecpp', $3, referral_date FROM case_record WHERE id = $1`,
          [kase.caseId, w.ecpp.id, w.cpManager.id],
        );
    }
  });
  afterAll(async () => {
    await closeDb(t);
    await t.close();
  });

  async function countQueries(limit: number) {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const res = await t
        .req()
        .get(`${API}/cases`)
        .query({ mine: 'lead', limit })
        .set(bearer(w.practitioner.token));
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(limit);
      for (const c of res.body.data) {
        expect(c.children).toHaveLength(2);
        expect(c.leadPractitioner.name).toBe('family_help_practitioner user');
      }
      const texts = spy.mock.calls.map((call) => String(call[0]));
      return {
        total: texts.length,
        caseReads: texts.filter((q) =>
          /AS "leadPractitionerName"[\s\S]*FROM case_record c\b/.test(q),
        ).length,
      };
    } finally {
      spy.mockRestore();
    }
  }

  it('a page of 50 takes one case query, and as many queries in all as a page of 1', async () => {
    await countQueries(1); // warms the principal cache, so both counts below use it alike
    const one = await countQueries(1);
    const fifty = await countQueries(50);
    expect(fifty.caseReads).toBe(1);
    expect(fifty.total).toBe(one.total);
    // The guard's principal load, the page, and the audit insert.
    expect(fifty.total).toBeLessThanOrEqual(4);
  });
});
