/**
 * Factories for child-protection co-working tests: cases seeded straight into the database (fast,
 * independent of the cases API), and the HTTP steps that take a case into child protection.
 */
import { Client } from 'pg';
import type { TestApp } from './create-app';
import { API, bearer, TestUser, World } from './factories';

const clients = new WeakMap<TestApp, Promise<Client>>();

/** A pg client on the test app's database (closed with `closeDb`). */
export function db(t: TestApp): Promise<Client> {
  let c = clients.get(t);
  if (!c) {
    c = (async () => {
      const client = new Client({ connectionString: t.databaseUrl });
      await client.connect();
      return client;
    })();
    clients.set(t, c);
  }
  return c;
}

export async function closeDb(t: TestApp): Promise<void> {
  const c = clients.get(t);
  if (c) await (await c).end();
  clients.delete(t);
}

export interface SeededCase {
  caseId: string;
  familyId: string;
  childIds: string[];
  referralDate: string;
}

/**
 * A family with `children` children and a case in `family_help` for the world's Family Help
 * team, led by the world's practitioner, with its `case_created` timeline event.
 */
export async function seedCase(
  t: TestApp,
  world: World,
  opts: { children?: number; referralDate?: string; restricted?: boolean; lead?: TestUser } = {},
): Promise<SeededCase> {
  const c = await db(t);
  const la = world.la.id;
  const lead = opts.lead ?? world.practitioner;
  const family = await c.query(
    `INSERT INTO family (local_authority_id, name) VALUES ($1, 'Test family') RETURNING id`,
    [la],
  );
  const familyId: string = family.rows[0].id;
  const childIds: string[] = [];
  for (let i = 0; i < (opts.children ?? 1); i++) {
    const p = await c.query(
      `INSERT INTO person (local_authority_id, family_id, kind, first_name, last_name, date_of_birth)
       VALUES ($1, $2, 'child', $3, 'Test', '2019-03-0${i + 1}') RETURNING id`,
      [la, familyId, `Child${i + 1}`],
    );
    childIds.push(p.rows[0].id);
  }
  const referralDate = opts.referralDate ?? '2026-10-01';
  const kase = await c.query(
    `INSERT INTO case_record (local_authority_id, family_id, team_id, lead_practitioner_id,
                              referral_date, referral_source, restricted)
     VALUES ($1, $2, $3, $4, $5, '2A', $6) RETURNING id`,
    [la, familyId, world.fhTeam.id, lead.id, referralDate, !!opts.restricted],
  );
  const caseId: string = kase.rows[0].id;
  for (const childId of childIds) {
    await c.query(`INSERT INTO case_child (case_id, person_id) VALUES ($1, $2)`, [caseId, childId]);
  }
  await c.query(
    `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary, data)
     VALUES ($1, $2, 'case_created', $3, 'user', 'Case opened (seeded)', $4)`,
    [caseId, la, lead.id, { referral: { date: referralDate, source: '2A' } }],
  );
  return { caseId, familyId, childIds, referralDate };
}

async function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** A concern about every child of the case, raised on `raisedOn` (default: the referral date). */
export async function raiseConcern(
  t: TestApp,
  world: World,
  kase: SeededCase,
  by: TestUser = world.practitioner,
  raisedOn: string = kase.referralDate,
): Promise<{ id: string }> {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/concerns`)
    .set(bearer(by.token))
    .send({ summary: 'Unexplained bruising seen at nursery', childIds: kase.childIds, raisedOn });
  await expectStatus(res, 201, 'raise concern');
  return res.body;
}

export async function assignEcpp(
  t: TestApp,
  world: World,
  kase: SeededCase,
  ecpp: TestUser = world.ecpp,
): Promise<{ id: string }> {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/co-workers`)
    .set(bearer(world.cpManager.token))
    .send({ userId: ecpp.id });
  await expectStatus(res, 201, 'assign ECPP');
  return res.body;
}

export const RATIONALE = 'Multi-agency strategy discussion agreed the threshold is met.';

/** For tests about what follows a s47 enquiry (not about its citation): the override path, the
 * discussion having been held outside Tandem on `strategyDiscussionDate` (default: the
 * enquiry's date). Tests of the citation itself pass `strategyDiscussionId` or their own
 * `overrideReason`. */
export const OUTSIDE_TANDEM = 'Strategy discussion held and minuted outside Tandem (test fixture).';

function s47Basis(body: Record<string, unknown>): Record<string, unknown> {
  if (body.type !== 'start_section_47_enquiry') return {};
  if (body.strategyDiscussionId !== undefined || body.overrideReason !== undefined) return {};
  return {
    overrideReason: OUTSIDE_TANDEM,
    strategyDiscussionDate: body.strategyDiscussionDate ?? body.effectiveDate,
  };
}

export async function decide(
  t: TestApp,
  kase: SeededCase,
  ecpp: TestUser,
  body: Record<string, unknown>,
): Promise<{ id: string; caseStage: string } & Record<string, unknown>> {
  const res = await t
    .req()
    .post(`${API}/cases/${kase.caseId}/decisions`)
    .set(bearer(ecpp.token))
    .send({ rationale: RATIONALE, childIds: kase.childIds, ...body, ...s47Basis(body) });
  await expectStatus(res, 201, `decision ${String(body.type)}`);
  return res.body;
}

/**
 * A case in child protection and on a plan: the initial conference convened for `icpc` (on the
 * strategy discussion's day) and the plan started on that date (category NEG).
 */
export async function convenedAndOnPlan(
  t: TestApp,
  kase: SeededCase,
  ecpp: TestUser,
  strategy: string,
  icpc: string,
  childIds: string[] = kase.childIds,
): Promise<{ id: string }> {
  await decide(t, kase, ecpp, {
    type: 'convene_initial_cp_conference',
    effectiveDate: strategy,
    conferenceDate: icpc,
  });
  return decide(t, kase, ecpp, {
    type: 'start_child_protection_plan',
    effectiveDate: icpc,
    category: 'NEG',
    childIds,
  });
}

/** A seeded case with a concern, the world's ECPP co-working, and a s47 enquiry started. */
export async function caseInChildProtection(
  t: TestApp,
  world: World,
  opts: { strategyDiscussionDate?: string; children?: number; referralDate?: string } = {},
): Promise<SeededCase> {
  const kase = await seedCase(t, world, opts);
  await raiseConcern(t, world, kase);
  await assignEcpp(t, world, kase);
  const date = opts.strategyDiscussionDate ?? '2026-12-18';
  await decide(t, kase, world.ecpp, {
    type: 'start_section_47_enquiry',
    effectiveDate: date,
    strategyDiscussionDate: date,
  });
  return kase;
}

/** Rows written for a case: decisions, timeline events, concerns, co-workers, and its version. */
export async function caseFootprint(t: TestApp, caseId: string) {
  const c = await db(t);
  const { rows } = await c.query(
    `SELECT (SELECT count(*)::int FROM decision WHERE case_id = $1) AS decisions,
            (SELECT count(*)::int FROM case_event WHERE case_id = $1) AS events,
            (SELECT count(*)::int FROM case_concern WHERE case_id = $1) AS concerns,
            (SELECT count(*)::int FROM case_co_worker WHERE case_id = $1) AS co_workers,
            (SELECT count(*)::int FROM decision_request WHERE case_id = $1) AS requests,
            (SELECT count(*)::int FROM decision_challenge WHERE case_id = $1) AS challenges,
            (SELECT count(*)::int FROM case_meeting WHERE case_id = $1) AS meetings,
            (SELECT count(*)::int FROM case_visit WHERE case_id = $1) AS visits,
            (SELECT stage FROM case_record WHERE id = $1) AS stage,
            (SELECT version FROM case_record WHERE id = $1) AS version`,
    [caseId],
  );
  return rows[0] as Record<string, number | string>;
}
