import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CaseHistoryRepository } from 'src/case-history/case-history.repository';
import { replay } from 'src/case-history/case-state';
import { dataSourceOptions } from 'src/database/data-source-options';
import { seedBulk } from 'src/training/bulk/bulk-seeder';
import { sql } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { TRAINING_APP_ENV } from './utils/scenario-stories';
import { API, newLa } from './utils/factories';

/** A small-N smoke test of the bulk generator (its speed is measured in docs/bench.md). */
describe('seed:bulk (small N)', () => {
  let t: TestApp;
  let clients: Client[];
  const code = `SBX-BULK-${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    t = await createTestApp(TRAINING_APP_ENV);
    clients = [
      new Client({ connectionString: t.databaseUrl }),
      new Client({ connectionString: t.databaseUrl }),
    ];
    for (const c of clients) await c.connect();
  });
  afterAll(async () => {
    for (const c of clients) await c.end();
    await t.close();
  });

  it('writes N families with cases whose stored stage is what their history replays to', async () => {
    const progress: number[] = [];
    const s = await seedBulk(clients, {
      families: 300,
      laCode: code,
      batch: 64,
      onBatch: (d) => progress.push(d),
    });
    expect(progress.sort((a, b) => a - b).at(-1)).toBe(300);
    expect(s.rows.family).toBe(300);
    expect(s.rows.case_record).toBe(300);
    expect(Object.values(s.stages).reduce((a, b) => a + b, 0)).toBe(300);
    expect(s.stages.cp_plan).toBeGreaterThan(0);
    expect(s.staffPassword).toEqual(expect.any(String));
    const counts = await sql<{ n: string }>(
      t,
      'SELECT count(*) AS n FROM family WHERE local_authority_id = $1',
      [s.localAuthorityId],
    );
    expect(Number(counts[0].n)).toBe(300);

    const ds = new DataSource(dataSourceOptions(t.databaseUrl));
    await ds.initialize();
    try {
      const cases = await ds.query(
        `SELECT id, stage FROM case_record WHERE local_authority_id = $1`,
        [s.localAuthorityId],
      );
      const histories = await new CaseHistoryRepository().loadMany(
        ds.manager,
        s.localAuthorityId,
        cases.map((c: { id: string }) => c.id),
      );
      for (const c of cases as { id: string; stage: string }[])
        expect({ id: c.id, stage: replay(histories.get(c.id) ?? []).stage }).toEqual({
          id: c.id,
          stage: c.stage,
        });
    } finally {
      await ds.destroy();
    }

    // Family Network Plans carry the agreements their case's stage requires; safety plans
    // start with their decision.
    const la = s.localAuthorityId;
    const plans = await sql<{ id: string; status: string; stage: string; roles: string[] | null }>(
      t,
      `SELECT p.id, p.status, c.stage,
              array_agg(a.role ORDER BY a.role) FILTER (WHERE a.role IS NOT NULL) AS roles
         FROM family_network_plan p JOIN case_record c ON c.id = p.case_id
         LEFT JOIN family_network_plan_agreement a ON a.plan_id = p.id
        WHERE p.local_authority_id = $1 GROUP BY p.id, c.stage`,
      [la],
    );
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans)
      expect({ id: p.id, roles: p.roles ?? [] }).toEqual({
        id: p.id,
        roles:
          p.status === 'draft'
            ? []
            : p.stage === 'child_protection'
              ? ['ecpp', 'family_help_manager']
              : ['family_help_manager'],
      });
    const csp = await sql<{ id: string; type: string; email: string }>(
      t,
      `SELECT p.id, d.type, u.email FROM community_safety_plan p
         JOIN decision d ON d.id = p.start_decision_id AND d.child_ids = ARRAY[p.child_id]
         JOIN case_co_worker w ON w.case_id = p.case_id JOIN app_user u ON u.id = w.user_id
        WHERE p.local_authority_id = $1`,
      [la],
    );
    expect(csp.length).toBeGreaterThan(0);
    expect(csp.every((p) => p.type === 'start_community_safety_plan')).toBe(true);

    // The staff can sign in and read the demo cases and plans through the API.
    const res = await t
      .req()
      .post(`${API}/auth/login`)
      .send({
        email: `practitioner-1@${code.toLowerCase()}.bulk.invalid`,
        password: s.staffPassword,
      });
    expect(res.status).toBe(200);
    const list = await t
      .req()
      .get(`${API}/cases?limit=5`)
      .set({ Authorization: `Bearer ${res.body.accessToken}` });
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    const login = async (email: string) =>
      (await t.req().post(`${API}/auth/login`).send({ email, password: s.staffPassword })).body
        .accessToken as string;
    const manager = await login(`fh-manager@${code.toLowerCase()}.bulk.invalid`);
    const active = plans.find((p) => p.status === 'active') as { id: string };
    const fnp = await t
      .req()
      .get(`${API}/family-network-plans/${active.id}`)
      .set({ Authorization: `Bearer ${manager}` });
    expect(fnp.status).toBe(200);
    expect(fnp.body).toMatchObject({ status: 'active', agreedVersion: 1 });
    expect(fnp.body.carers[0]).toMatchObject({ firstName: expect.any(String) });
    const ecpp = await login(csp[0].email);
    const plan = await t
      .req()
      .get(`${API}/community-safety-plans/${csp[0].id}`)
      .set({ Authorization: `Bearer ${ecpp}` });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ status: 'active' });
    expect(plan.body.actions.map((a: { agency: string }) => a.agency).sort()).toEqual([
      'education',
      'police',
      'social_care',
    ]);

    // A second run adds to the same sandbox; the sandbox is purged like a training run.
    const again = await seedBulk(clients, { families: 10, laCode: code });
    expect(again.staffPassword).toBeNull();
    const purged = await sql<{ rows: Record<string, number> }>(
      t,
      `SELECT tandem_purge_sandbox($1, 'system', NULL, NULL) AS rows`,
      [s.localAuthorityId],
    );
    expect(purged[0].rows.family).toBe(310);
  });

  it('refuses a local authority that is not a sandbox', async () => {
    const la = await newLa(t);
    await expect(seedBulk(clients, { families: 1, laCode: la.code })).rejects.toThrow(
      /not a sandbox/,
    );
  });
});
