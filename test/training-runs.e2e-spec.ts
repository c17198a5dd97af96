import { rmSync } from 'node:fs';
import { runScenarioCli } from 'src/training/scenario-cli';
import { sql } from './utils/case.factories';
import { newCase, newFamily } from './utils/case.factories';
import { createTestApp, TestApp } from './utils/create-app';
import { TRAINING_APP_ENV } from './utils/scenario-stories';
import { API, bearer, newLa, newUser, newWorld, World } from './utils/factories';
import { FIRST_APPENDED_LINE, SCENARIO_HEAD, scenarioDir } from './utils/scenario-fixtures';

/** Row count of every table of the schema. */
async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>(
    t,
    `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  );
  const rows = await sql<{ t: string; n: string }>(
    t,
    tables.map((x) => `SELECT '${x.t}' AS t, count(*) AS n FROM "${x.t}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** Tables with a local_authority_id column, and how many rows each has for `la`. */
async function rowsOfLa(t: TestApp, la: string): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>(
    t,
    `SELECT table_name AS t FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'local_authority_id' ORDER BY 1`,
  );
  const rows = await sql<{ t: string; n: string }>(
    t,
    tables
      .map((x) => `SELECT '${x.t}' AS t, count(*) AS n FROM "${x.t}" WHERE local_authority_id = $1`)
      .join(' UNION ALL '),
    [la],
  );
  return Object.fromEntries(rows.filter((r) => Number(r.n) > 0).map((r) => [r.t, Number(r.n)]));
}

const quiet = { out: () => {}, err: () => {} };

describe('training runs (trainer API, CLI, sandbox purge)', () => {
  let t: TestApp;
  let w: World;
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(TRAINING_APP_ENV);
    w = await newWorld(t);
  });
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await t.close();
  });
  const tmp = (files: Record<string, string>) => {
    const d = scenarioDir(files);
    dirs.push(d);
    return d;
  };

  it.each(['laAdmin', 'practitioner', 'manager', 'ecpp', 'cpManager', 'auditor'] as const)(
    '%s may not use the training API (403)',
    async (role) => {
      const token = w[role].token;
      expect((await t.req().get(`${API}/training/scenarios`).set(bearer(token))).status).toBe(403);
      expect((await t.req().get(`${API}/training/runs`).set(bearer(token))).status).toBe(403);
      const post = await t
        .req()
        .post(`${API}/training/scenarios/family-help-only/runs`)
        .set(bearer(token))
        .send({});
      expect(post.status).toBe(403);
    },
  );

  it('trainer: lists the shipped scenarios with their briefs', async () => {
    const res = await t.req().get(`${API}/training/scenarios`).set(bearer(w.trainer.token));
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      (res.body.data as { name: string }[]).map((s) => [s.name, s]),
    );
    expect(byName['escalation-to-cp']).toMatchObject({
      title: expect.stringContaining('Escalation'),
      brief: {
        learningGoals: expect.arrayContaining([expect.any(String)]),
        logins: expect.arrayContaining([expect.objectContaining({ user: 'ecpp' })]),
      },
    });
  });

  it("trainer: sees no real LA's records (cases, families: 403; a real case: 403)", async () => {
    const fam = await newFamily(t, w.practitioner);
    const kase = await newCase(t, w, { family: fam });
    for (const path of ['/cases', '/families', `/cases/${kase.id}`, `/families/${fam.id}`])
      expect((await t.req().get(`${API}${path}`).set(bearer(w.trainer.token))).status).toBe(403);
  });

  it('bad input: unknown scenario 404, malformed run id 400, bad laCode 400, a real LA code 400', async () => {
    const tok = bearer(w.trainer.token);
    expect(
      (await t.req().post(`${API}/training/scenarios/nope/runs`).set(tok).send({})).status,
    ).toBe(404);
    expect(
      (await t.req().post(`${API}/training/scenarios/..%2Fx/runs`).set(tok).send({})).status,
    ).toBe(404);
    expect((await t.req().delete(`${API}/training/runs/not-a-uuid`).set(tok)).status).toBe(400);
    const bad = await t
      .req()
      .post(`${API}/training/scenarios/family-help-only/runs`)
      .set(tok)
      .send({ laCode: 'lower case' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('laCode');
    const before = await tableCounts(t);
    // A real LA's code is outside the sandbox namespace: refused before anything is written.
    const real = await t
      .req()
      .post(`${API}/training/scenarios/family-help-only/runs`)
      .set(tok)
      .send({ laCode: w.la.code });
    expect(real.status).toBe(400);
    expect(real.body.errors[0].field).toBe('laCode');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('deleting a run removes every row of its sandbox from every table; the purge is in the platform audit', async () => {
    const other = await newUser(t, (await newLa(t)).id, ['trainer']);
    const before = await tableCounts(t);
    const [{ max }] = await sql<{ max: string }>(
      t,
      'SELECT coalesce(max(id), 0) AS max FROM audit_event',
    );
    const created = await t
      .req()
      .post(`${API}/training/scenarios/escalation-to-cp/runs`)
      .set(bearer(w.trainer.token))
      .send({ laCode: `SBX-TRN-${Date.now().toString(36).toUpperCase()}` });
    expect(created.status).toBe(201);
    const sandbox = created.body.localAuthorityId as string;
    expect(
      (await sql(t, 'SELECT sandbox FROM local_authority WHERE id = $1', [sandbox]))[0],
    ).toEqual({
      sandbox: true,
    });
    // Sandbox users work like any other: their reads are audited in the sandbox.
    const ecpp = created.body.users.find((u: { email: string }) => u.email.startsWith('ecpp@'));
    const login = await t
      .req()
      .post(`${API}/auth/login`)
      .send({ email: ecpp.email, password: ecpp.password });
    expect(login.status).toBe(200);
    const cases = await t.req().get(`${API}/cases`).set(bearer(login.body.accessToken));
    expect(cases.body.data).toHaveLength(1);
    const filled = await rowsOfLa(t, sandbox);
    for (const table of [
      'audit_event',
      'case_event',
      'decision',
      'decision_request',
      'case_visit',
      'training_run',
    ])
      expect(filled[table]).toBeGreaterThan(0);

    // Another LA's trainer neither sees nor deletes it.
    const list = await t.req().get(`${API}/training/runs`).set(bearer(other.token));
    expect(list.body.data).toEqual([]);
    expect(
      (await t.req().delete(`${API}/training/runs/${created.body.runId}`).set(bearer(other.token)))
        .status,
    ).toBe(404);
    const mine = await t.req().get(`${API}/training/runs`).set(bearer(w.trainer.token));
    expect(mine.body.data.map((r: { runId: string }) => r.runId)).toContain(created.body.runId);

    const del = await t
      .req()
      .delete(`${API}/training/runs/${created.body.runId}`)
      .set(bearer(w.trainer.token));
    expect(del.status).toBe(200);
    expect(del.body.rows).toMatchObject({ local_authority: 1, audit_event: filled.audit_event });

    expect(await rowsOfLa(t, sandbox)).toEqual({});
    const after = await tableCounts(t);
    const { audit_event: auditAfter, ...restAfter } = after;
    const { audit_event: auditBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    const added = await sql<{
      action: string;
      local_authority_id: string | null;
      actor_id: string;
    }>(
      t,
      'SELECT action, local_authority_id, actor_id FROM audit_event WHERE id > $1 ORDER BY id',
      [max],
    );
    expect(auditAfter - auditBefore).toBe(added.length);
    expect(added.every((r) => r.local_authority_id !== sandbox)).toBe(true);
    expect(added).toEqual(
      expect.arrayContaining([
        { action: 'training.run.create', local_authority_id: w.la.id, actor_id: w.trainer.id },
        { action: 'training.sandbox.purge', local_authority_id: null, actor_id: w.trainer.id },
      ]),
    );
    // The run's users are gone: their password no longer signs in; the run is gone too.
    expect(
      (await t.req().post(`${API}/auth/login`).send({ email: ecpp.email, password: ecpp.password }))
        .status,
    ).toBe(401);
    expect(
      (
        await t
          .req()
          .delete(`${API}/training/runs/${created.body.runId}`)
          .set(bearer(w.trainer.token))
      ).status,
    ).toBe(404);
  });

  it('the append-only tables refuse a DELETE outside the purge, and the purge refuses a real LA', async () => {
    const run = await t
      .req()
      .post(`${API}/training/scenarios/disagreement/runs`)
      .set(bearer(w.trainer.token))
      .send({});
    const sandbox = run.body.localAuthorityId as string;
    for (const table of ['audit_event', 'case_event', 'decision', 'decision_challenge'])
      await expect(
        sql(t, `DELETE FROM ${table} WHERE local_authority_id = $1`, [sandbox]),
      ).rejects.toThrow(/append-only/);
    await expect(
      sql(t, `SELECT tandem_purge_sandbox($1, 'user', NULL, NULL)`, [w.la.id]),
    ).rejects.toThrow(/not a sandbox/);
    expect(Object.keys(await rowsOfLa(t, w.la.id)).length).toBeGreaterThan(3);
    expect(
      (await t.req().delete(`${API}/training/runs/${run.body.runId}`).set(bearer(w.trainer.token)))
        .status,
    ).toBe(200);
  });

  it('plan records (FNP versions, agreements, reviews, shares) refuse a DELETE outside the purge; the purge removes them', async () => {
    const before = await tableCounts(t);
    const runs: { runId: string; localAuthorityId: string }[] = [];
    for (const name of ['fgdm-kinship', 'county-lines-safety-plan']) {
      const res = await t
        .req()
        .post(`${API}/training/scenarios/${name}/runs`)
        .set(bearer(w.trainer.token))
        .send({});
      expect(res.status).toBe(201);
      runs.push(res.body);
    }
    const [fnp, csp] = runs.map((r) => r.localAuthorityId);
    const ofPlan = (table: string, parent: string) =>
      `DELETE FROM ${table} WHERE plan_id IN (SELECT id FROM ${parent} WHERE local_authority_id = $1)`;
    for (const table of [
      'family_network_plan_version',
      'family_network_plan_agreement',
      'family_network_plan_review',
    ])
      await expect(sql(t, ofPlan(table, 'family_network_plan'), [fnp])).rejects.toThrow(
        /append-only/,
      );
    await expect(
      sql(t, ofPlan('community_safety_plan_review', 'community_safety_plan'), [csp]),
    ).rejects.toThrow(/append-only/);
    for (const la of [fnp, csp])
      await expect(
        sql(t, 'DELETE FROM information_sharing_record WHERE local_authority_id = $1', [la]),
      ).rejects.toThrow(/only records a share's end/);
    const filled = { ...(await rowsOfLa(t, fnp)), ...(await rowsOfLa(t, csp)) };
    for (const table of [
      'fgdm_meeting',
      'family_network_plan',
      'community_safety_plan',
      'information_sharing_record',
    ])
      expect(filled[table]).toBeGreaterThan(0);
    for (const r of runs) {
      const del = await t
        .req()
        .delete(`${API}/training/runs/${r.runId}`)
        .set(bearer(w.trainer.token));
      expect(del.status).toBe(200);
      expect(await rowsOfLa(t, r.localAuthorityId)).toEqual({});
    }
    const after = await tableCounts(t);
    expect({ ...after, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
  });

  it('CLI: a malformed scenario fails naming file, line, path and problem, and writes no row', async () => {
    const dir = tmp({
      shape: `${SCENARIO_HEAD}  - { do: note, on: yesterday, by: practitioner, case: c1, body: hello }
  - { do: note, on: today, by: practitioner, case: c1, body: hi, mood: sunny }
  - { do: teleport, on: today, by: practitioner, case: c1 }
`,
      refs: `${SCENARIO_HEAD}  - { do: visit, on: -1wd, by: nobody, case: c1, child: mum, seenAlone: true }
  - { do: note, on: -3wd, by: practitioner, case: c9, body: out of order }
  - { do: note, on: +2wd, by: practitioner, case: c1, body: not yet }
`,
    });
    const line = FIRST_APPENDED_LINE;
    const before = await tableCounts(t);
    const load = async (name: string) => {
      const err: string[] = [];
      const io = { out: () => {}, err: (l: string) => err.push(l) };
      expect(await runScenarioCli(t.app, ['load', name], io, { dir })).toBe(1);
      return err.join('\n');
    };
    const shape = await load('shape');
    expect(shape).toContain(`${dir}/shape.yaml:${line} events[1].on: not a date: use today, -20wd`);
    expect(shape).toMatch(
      new RegExp(`shape\\.yaml:${line + 1} events\\[2\\]: unknown field.*"mood"`),
    );
    expect(shape).toContain(`shape.yaml:${line + 2} events[3].do: unknown event kind`);
    const refs = await load('refs');
    expect(refs).toContain(`refs.yaml:${line} events[1].by: no user "nobody"`);
    expect(refs).toContain(`refs.yaml:${line} events[1].child: "mum" is not a child of case "c1"`);
    expect(refs).toMatch(
      new RegExp(
        `refs\\.yaml:${line + 1} events\\[2\\]\\.on: -3wd .* is before the previous event`,
      ),
    );
    expect(refs).toContain(
      `refs.yaml:${line + 1} events[2].case: no case "c9" opened by an earlier referral event`,
    );
    expect(refs).toMatch(
      new RegExp(`refs\\.yaml:${line + 2} events\\[3\\]\\.on: \\+2wd .* is in the future`),
    );
    expect(await tableCounts(t)).toEqual(before);
  });

  it('a broken scenario file is listed as invalid with file, line, path and problem (never a 5xx); loading it is a 422', async () => {
    const dir = tmp({
      good: SCENARIO_HEAD,
      broken: `${SCENARIO_HEAD}  - { do: visit, on: -1wd, by: practitioner, case: c1, child: mum, seenAlone: true }\n`,
      syntax: 'title: [unclosed\n',
      Bad_Name: SCENARIO_HEAD,
    });
    const line = FIRST_APPENDED_LINE;
    const tok = bearer(w.trainer.token);
    process.env.TANDEM_SCENARIOS_DIR = dir;
    try {
      const res = await t.req().get(`${API}/training/scenarios`).set(tok);
      expect(res.status).toBe(200);
      expect(res.body.data.map((s: { name: string }) => s.name)).toEqual(['good']);
      const invalid = Object.fromEntries(
        (res.body.invalid as { name: string; problems: { message: string }[] }[]).map((i) => [
          i.name,
          i,
        ]),
      );
      expect(Object.keys(invalid).sort()).toEqual(['Bad_Name', 'broken', 'syntax']);
      expect(invalid.broken).toEqual({
        name: 'broken',
        file: `${dir}/broken.yaml`,
        problems: [{ path: 'events[1].child', line, message: '"mum" is not a child of case "c1"' }],
      });
      expect(invalid.syntax).toMatchObject({
        file: `${dir}/syntax.yaml`,
        problems: [
          { path: '', line: expect.any(Number), message: expect.stringMatching(/^YAML: /) },
        ],
      });
      expect(invalid.Bad_Name.problems[0].message).toMatch(/not a scenario name/);

      const before = await tableCounts(t);
      const load = await t.req().post(`${API}/training/scenarios/broken/runs`).set(tok).send({});
      expect(load.status).toBe(422);
      expect(load.body.code).toBe('scenario_invalid');
      expect(load.body.detail).toBe(
        `${dir}/broken.yaml:${line} events[1].child: "mum" is not a child of case "c1"`,
      );
      expect(load.body.errors).toEqual([expect.objectContaining({ field: 'events[1].child' })]);
      const syntax = await t.req().post(`${API}/training/scenarios/syntax/runs`).set(tok).send({});
      expect(syntax.status).toBe(422);
      expect(syntax.body.detail).toMatch(
        new RegExp(`^${dir}/syntax\\.yaml:\\d+ \\(file\\): YAML: `),
      );
      expect(
        (await t.req().post(`${API}/training/scenarios/Bad_Name/runs`).set(tok).send({})).status,
      ).toBe(404);
      const after = await tableCounts(t);
      expect({ ...after, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
    } finally {
      delete process.env.TANDEM_SCENARIOS_DIR;
    }

    // The CLI lists the valid one and reports the others, exiting 1.
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await runScenarioCli(t.app, ['list'], io, { dir })).toBe(1);
    expect(out[0]).toBe('good  (1 events)');
    expect(err).toContain('broken: INVALID, cannot be loaded');
    expect(err).toContain(
      `  ${dir}/broken.yaml:${line} events[1].child: "mum" is not a child of case "c1"`,
    );
  });

  it('CLI and API: a scenario the rules refuse names the event and leaves no row', async () => {
    const dir = tmp({
      refused: `${SCENARIO_HEAD}  - { do: assign_ecpp, on: -10wd, by: cp-manager, case: c1, ecpp: ecpp }
  - { do: decision, on: -5wd, by: ecpp, case: c1, type: start_section_47_enquiry, rationale: "No concern was ever raised on this case." }
`,
      syntax: `${SCENARIO_HEAD}  - { do: note, on: today\n`,
    });
    const before = await tableCounts(t);
    const err: string[] = [];
    const code = await runScenarioCli(
      t.app,
      ['load', 'refused'],
      { out: () => {}, err: (l) => err.push(l) },
      { dir },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(
      /refused\.yaml events\[2\] \(decision start_section_47_enquiry on -5wd by ecpp\): 409 no_open_concern: .*nothing was loaded/,
    );
    const syntax: string[] = [];
    expect(
      await runScenarioCli(
        t.app,
        ['load', 'syntax'],
        { out: () => {}, err: (l) => syntax.push(l) },
        { dir },
      ),
    ).toBe(1);
    expect(syntax.join('\n')).toMatch(/syntax\.yaml:\d+ \(file\): YAML: /);
    expect(await tableCounts(t)).toEqual(before);

    process.env.TANDEM_SCENARIOS_DIR = dir;
    try {
      const res = await t
        .req()
        .post(`${API}/training/scenarios/refused/runs`)
        .set(bearer(w.trainer.token))
        .send({});
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'scenario_refused', eventIndex: 2 });
      expect(res.body.detail).toContain('409 no_open_concern');
    } finally {
      delete process.env.TANDEM_SCENARIOS_DIR;
    }
    const after = await tableCounts(t);
    expect({ ...after, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
  });

  it('CLI: a plan event the rules refuse (a share with a non-partner, a safety plan not by the ECPP) names the event and leaves no row', async () => {
    const csp = `{ do: start_community_safety_plan, on: -9wd, by: ecpp, case: c1, ref: csp, child: kid, harmTypes: [online_harm], contexts: [a chat group], reviewDate: +10wd, rationale: "Groomed online by an adult stranger; risk outside the home." }`;
    const dir = tmp({
      share: `${SCENARIO_HEAD}  - { do: concern, on: -10wd, by: practitioner, case: c1, summary: Groomed online }
  - { do: assign_ecpp, on: -10wd, by: cp-manager, case: c1, ecpp: ecpp }
  - ${csp}
  - { do: share, on: -8wd, by: ecpp, case: c1, record: csp, with: practitioner, lawfulBasis: consent }
`,
      starter: `${SCENARIO_HEAD}  - { do: concern, on: -10wd, by: practitioner, case: c1, summary: Groomed online }
  - ${csp.replace('by: ecpp', 'by: practitioner')}
`,
      uncoworked: `${SCENARIO_HEAD}  - ${csp}
`,
    });
    const before = await tableCounts(t);
    const load = async (name: string) => {
      const err: string[] = [];
      const io = { out: () => {}, err: (l: string) => err.push(l) };
      expect(await runScenarioCli(t.app, ['load', name], io, { dir })).toBe(1);
      return err.join('\n');
    };
    expect(await load('share')).toMatch(
      /share\.yaml events\[4\] \(share csp on -8wd by ecpp\): 400 \w+: .*partner user.*; nothing was loaded/,
    );
    expect(await load('starter')).toMatch(
      /starter\.yaml events\[2\] \(start_community_safety_plan on -9wd by practitioner\): 403 \w+: practitioner's roles \(family_help_practitioner\) do not allow start_community_safety_plan/,
    );
    // The ECPP's role allows it, but only as the case's co-worker: the gate refuses.
    expect(await load('uncoworked')).toMatch(
      /uncoworked\.yaml events\[1\] \(start_community_safety_plan on -9wd by ecpp\): 40[34] /,
    );
    // (A denial may leave its audit row after the response, as the API's do.)
    const after = await tableCounts(t);
    expect({ ...after, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
  });

  it('CLI: list, load --la-code, runs, delete', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(`ERR ${l}`) };
    expect(await runScenarioCli(t.app, ['list'], io)).toBe(0);
    expect(out.join('\n')).toContain('late-icpc  (');
    const code = `SBX-CLI-${Date.now().toString(36).toUpperCase()}`;
    expect(await runScenarioCli(t.app, ['load', 'family-help-only', '--la-code', code], io)).toBe(
      0,
    );
    expect(out.join('\n')).toContain(`Sandbox local authority ${code}`);
    const runId = /as run ([0-9a-f-]{36})/.exec(out.join('\n'))?.[1] as string;
    out.length = 0;
    expect(await runScenarioCli(t.app, ['runs'], io)).toBe(0);
    expect(out.join('\n')).toContain(runId);
    expect(await runScenarioCli(t.app, ['delete', runId], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Deleted run .*: \d+ rows removed/);
    expect(await runScenarioCli(t.app, ['load'], quiet)).toBe(2);
    expect(await runScenarioCli(t.app, ['load', 'x', '--la-code', 'bad code'], quiet)).toBe(2);
    // A real LA's code (outside the SBX- namespace) is refused like any bad code.
    expect(await runScenarioCli(t.app, ['load', 'x', '--la-code', w.la.code], quiet)).toBe(2);
    expect(await runScenarioCli(t.app, ['delete', runId], quiet)).toBe(1);
  });
});
