/**
 * Factories for families and cases through the HTTP API (so every test exercises the real
 * rules): `newFamily` and `newCase`.
 */
import { randomUUID } from 'node:crypto';
import { auditSettled, type TestApp } from './create-app';
import { API, bearer, TestUser, World } from './factories';

export interface TestFamily {
  id: string;
  version: number;
  childIds: string[];
  adultIds: string[];
}

export interface TestCase {
  id: string;
  familyId: string;
  childIds: string[];
  version: number;
}

/** A family with `children` children and one adult (mother), named uniquely. */
export async function newFamily(
  t: TestApp,
  by: TestUser,
  opts: { children?: number; lastName?: string } = {},
): Promise<TestFamily> {
  const lastName = opts.lastName ?? `Fam${randomUUID().slice(0, 8)}`;
  const members = [
    ...Array.from({ length: opts.children ?? 1 }, (_, i) => ({
      kind: 'child',
      firstName: `Child${i + 1}`,
      lastName,
      dateOfBirth: `2018-05-${String(i + 1).padStart(2, '0')}`,
    })),
    { kind: 'adult', firstName: 'Parent', lastName, relationship: 'mother' },
  ];
  const res = await t
    .req()
    .post(`${API}/families`)
    .set(bearer(by.token))
    .send({ name: `${lastName} family`, members });
  if (res.status !== 201)
    throw new Error(`create family: ${res.status} ${JSON.stringify(res.body)}`);
  const all = res.body.members as { id: string; kind: string }[];
  return {
    id: res.body.id,
    version: res.body.version,
    childIds: all.filter((m) => m.kind === 'child').map((m) => m.id),
    adultIds: all.filter((m) => m.kind === 'adult').map((m) => m.id),
  };
}

/** A case in family_help for the world's Family Help team, led by its practitioner. */
export async function newCase(
  t: TestApp,
  world: World,
  opts: {
    by?: TestUser;
    lead?: TestUser;
    teamId?: string;
    children?: number;
    restricted?: boolean;
    referralDate?: string;
    family?: TestFamily;
  } = {},
): Promise<TestCase> {
  const by = opts.by ?? world.practitioner;
  const family = opts.family ?? (await newFamily(t, by, { children: opts.children }));
  const res = await t
    .req()
    .post(`${API}/cases`)
    .set(bearer(by.token))
    .send({
      familyId: family.id,
      teamId: opts.teamId ?? world.fhTeam.id,
      leadPractitionerId: (opts.lead ?? world.practitioner).id,
      childIds: family.childIds,
      referral: { date: opts.referralDate ?? '2026-10-01', source: '2A' },
      ...(opts.restricted ? { restricted: true } : {}),
    });
  if (res.status !== 201) throw new Error(`create case: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.id,
    familyId: family.id,
    childIds: family.childIds,
    version: res.body.version,
  };
}

/** Add an ECPP as active co-worker straight in the database (independent of issue-4 endpoints). */
export async function seedCoWorker(
  t: TestApp,
  caseId: string,
  user: TestUser,
  assignedBy: TestUser,
): Promise<void> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO case_co_worker (case_id, user_id, role, assigned_by_id, assigned_on)
       SELECT $1, $2, 'ecpp', $3, referral_date FROM case_record WHERE id = $1`,
      [caseId, user.id, assignedBy.id],
    );
  } finally {
    await c.end();
  }
}

/** Rows of audit_event for a record (direct DB read, for assertions). */
export async function auditRows(
  t: TestApp,
  where: { recordId?: string; actorId?: string; action?: string },
): Promise<
  {
    action: string;
    outcome: string;
    actor_id: string;
    child_ids: string[];
    changes: unknown;
    reason: string | null;
  }[]
> {
  await auditSettled(t);
  const { Client } = await import('pg');
  const c = new Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT action, outcome, actor_id, child_ids, changes, reason FROM audit_event
        WHERE ($1::uuid IS NULL OR record_id = $1) AND ($2::uuid IS NULL OR actor_id = $2)
          AND ($3::text IS NULL OR action = $3) ORDER BY id`,
      [where.recordId ?? null, where.actorId ?? null, where.action ?? null],
    );
    return r.rows;
  } finally {
    await c.end();
  }
}

/** Runs SQL on the test database (e.g. to age a note past its correction window). */
export async function sql<T = Record<string, unknown>>(
  t: TestApp,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  await auditSettled(t);
  const { Client } = await import('pg');
  const c = new Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}
