import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { isGranted, Permission } from 'src/access/permissions';
import { collectRoutePermissions } from 'src/access/route-permissions';
import { API_PREFIX } from 'src/app.setup';
import { createTestApp, TestApp } from './utils/create-app';
import {
  API,
  bearer,
  newUser,
  newWorld,
  platformAdminToken,
  World,
  approvePending,
} from './utils/factories';
import { requestsFor } from './utils/fuzz.generators';
import { AbstractRequest, hash32, OpenApiDoc, Operation, operationsOf } from './utils/fuzz.openapi';
import {
  changedTables,
  concretise,
  describeRequest,
  fingerprinter,
  FuzzActor,
  Pools,
  Received,
  resourceOf,
  send,
  Sent,
} from './utils/fuzz.runner';
import { seedWorld } from './utils/fuzz.seed';

/** Figures of the run, printed only with FUZZ_VERBOSE=1 (the suite stays quiet otherwise). */
const say = (msg: string) => {
  if (process.env.FUZZ_VERBOSE) process.stdout.write(msg + '\n');
};

/**
 * Property-based fuzz of every operation in the served OpenAPI document: malformed bodies,
 * path params and query strings, sent with tokens that hold the permission where possible.
 * Invariants: never a 5xx; errors are problem+json; a batch with no successful write changes no
 * application table; another LA's tokens on this LA's real ids never get a 2xx or see its ids.
 * Reproducible: FUZZ_SEED (printed) fixes every generated request shape.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260523);
const MIN_TOTAL = 10_000;
const MAIN_BUDGET = 8_500;
const CROSS_BUDGET = 1_550;
const BATCH = 16;

interface Violation {
  kind: string;
  detail: string;
}

describe('fuzz: every OpenAPI operation under malformed input', () => {
  let t: TestApp;
  let ds: DataSource;
  let base: string;
  let doc: OpenApiDoc;
  let ops: Operation[];
  let perms: Map<string, Permission>;
  let A: World;
  let B: World;
  let actorsA: FuzzActor[];
  let actorsB: FuzzActor[];
  let admin: FuzzActor;
  const poolsA = new Pools();
  const violations: Violation[] = [];
  const statusCounts: Record<string, number> = {};
  const perOp: Record<string, Record<number, number>> = {};
  const totals = { main: 0, cross: 0, crossProbes: 0, batches: 0, verified: 0, skipped: 0 };
  let fingerprint: () => Promise<Record<string, string>>;
  let fingerprintMs = 0;

  const key = (op: Operation) => `${op.method} ${op.path}`;
  const permissionOf = (op: Operation) =>
    perms.get(`${op.method} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}`) ?? 'authenticated';

  function pickActor(op: Operation, r: AbstractRequest, actors: FuzzActor[]): FuzzActor | null {
    const perm = permissionOf(op);
    const granted = actors.filter((a) => isGranted(a.actor as never, perm));
    const refused = actors.filter((a) => !granted.includes(a));
    if (r.actor === -1 || perm === 'public') return r.actor % 3 === 0 ? null : (granted[0] ?? null);
    if (r.actor === -2) return refused[0] ?? null;
    return granted.length ? granted[r.actor % granted.length] : null;
  }

  function record(
    op: Operation,
    s: Sent,
    res: Received,
    phase: 'main' | 'cross',
    mutation?: string,
  ) {
    statusCounts[res.status] = (statusCounts[res.status] ?? 0) + 1;
    (perOp[key(op)] ??= {})[res.status] = (perOp[key(op)][res.status] ?? 0) + 1;
    totals[phase]++;
    if (res.status >= 500) violations.push({ kind: '5xx', detail: describeRequest(s, res) });
    // The OAuth2 token endpoint answers errors as RFC 6749 §5.2 application/json (with the
    // problem fields alongside); everything else as RFC 9457 problem+json.
    const oauth = op.path.endsWith('/auth/token');
    const errorType = oauth ? /^application\/(problem\+)?json/ : /application\/problem\+json/;
    if (res.status >= 400 && !errorType.test(res.contentType)) {
      violations.push({ kind: 'not-problem-json', detail: describeRequest(s, res) });
    }
    // A prototype key is refused before any guard or pipe (415/413 come earlier still).
    if (mutation === 'prototype-key' && ![400, 413, 415].includes(res.status)) {
      violations.push({ kind: 'prototype-key-accepted', detail: describeRequest(s, res) });
    }
    // An out-of-range or impossible date is never accepted.
    if (mutation === 'extreme-date' && res.status < 300) {
      violations.push({ kind: 'extreme-date-accepted', detail: describeRequest(s, res) });
    }
  }

  async function runBatches(
    items: { op: Operation; sent: Sent; harvest: boolean; cross: boolean; mutation?: string }[],
  ): Promise<void> {
    let before = await fingerprint();
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      const results = await Promise.all(batch.map((b) => send(base, b.sent)));
      const fpStart = Date.now();
      const after = await fingerprint();
      fingerprintMs += Date.now() - fpStart;
      totals.batches++;
      const wrote = results.some((r, j) => r.status < 300 && batch[j].sent.method !== 'GET');
      if (wrote) totals.skipped++;
      else {
        totals.verified++;
        const changed = changedTables(before, after);
        if (changed.length) {
          violations.push({
            kind: 'write-without-success',
            detail: `tables ${changed.join(', ')} changed in a batch of only reads and 4xx:\n    ${batch
              .map((b, j) => describeRequest(b.sent, results[j]))
              .join('\n    ')}`,
          });
        }
      }
      before = after;
      batch.forEach((b, j) => {
        const res = results[j];
        record(b.op, b.sent, res, b.cross ? 'cross' : 'main', b.mutation);
        if (b.cross) checkCrossTenant(b.sent, res);
        if (b.harvest && res.status < 300 && /json/.test(res.contentType)) {
          try {
            poolsA.harvest(resourceOf(b.op.path), JSON.parse(res.text));
          } catch {
            /* not JSON after all */
          }
        }
      });
    }
  }

  function checkCrossTenant(s: Sent, res: Received) {
    if (res.status < 200 || res.status >= 300) return;
    if (s.usedRealIds.length) {
      violations.push({ kind: 'cross-tenant-2xx', detail: describeRequest(s, res) });
      return;
    }
    const echoed = `${s.url} ${s.body ?? ''}`.toLowerCase();
    const leaked = [...poolsA.all()].filter((id) => res.text.includes(id) && !echoed.includes(id));
    if (leaked.length) {
      violations.push({
        kind: 'cross-tenant-leak',
        detail: `${describeRequest(s, res)}\n    leaked ids of the other LA: ${leaked.slice(0, 5).join(', ')}`,
      });
    }
  }

  async function actorsOf(w: World, label: string): Promise<FuzzActor[]> {
    const users = [
      ['laAdmin', w.laAdmin],
      ['practitioner', w.practitioner],
      ['manager', w.manager],
      ['ecpp', w.ecpp],
      ['ecpp2', w.ecpp2],
      ['cpManager', w.cpManager],
      ['auditor', w.auditor],
      ['trainer', w.trainer],
      ['otherPractitioner', w.otherPractitioner],
    ] as const;
    const out: FuzzActor[] = users.map(([name, u]) => ({
      label: `${label}.${name}`,
      token: u.token,
      id: u.id,
      actor: { kind: 'user', roles: u.roles, scopes: [] },
    }));
    const client = await t
      .req()
      .post(`${API}/api-clients`)
      .set(bearer(w.laAdmin.token))
      .send({ name: `fuzz ${label}`, scopes: ['families:write', 'cases:write', 'export:read'] });
    await approvePending(t, client.body);
    const token = await t.req().post(`${API}/auth/token`).send({
      grant_type: 'client_credentials',
      client_id: client.body.clientId,
      client_secret: client.body.clientSecret,
    });
    out.push({
      label: `${label}.apiClient`,
      token: token.body.access_token,
      id: client.body.id,
      actor: {
        kind: 'client',
        roles: [],
        scopes: ['families:write', 'cases:write', 'export:read'],
      },
    });
    return out;
  }

  beforeAll(async () => {
    // FUZZ_LOG_LEVEL=error shows the server's stack for each 5xx while debugging a finding.
    t = await createTestApp({ LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'silent' });
    ds = t.app.get(DataSource);
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    doc = (await t.req().get('/openapi.json')).body;
    ops = operationsOf(doc).filter((o) => o.path !== '/health');
    perms = new Map(
      collectRoutePermissions(t.app, API_PREFIX).map((r) => [
        `${r.method} ${r.path}`,
        r.permission as Permission,
      ]),
    );
    [A, B] = await Promise.all([newWorld(t), newWorld(t)]);
    [actorsA, actorsB] = await Promise.all([actorsOf(A, 'A'), actorsOf(B, 'B')]);
    admin = {
      label: 'platformAdmin',
      token: await platformAdminToken(t),
      id: 'platform',
      actor: { kind: 'user', roles: ['platform_admin'], scopes: [] },
    };
    // Ids known to be LA B's never enter LA A's pools (a cross-tenant probe must be one).
    for (const id of [
      B.la.id,
      B.fhTeam.id,
      B.otherFhTeam.id,
      B.cpTeam.id,
      ...actorsB.map((a) => a.id),
    ]) {
      poolsA.foreign.add(id);
    }
    for (const a of actorsA) {
      poolsA.add(a.actor.kind === 'client' ? 'api-clients' : 'users', a.id);
      poolsA.protectedIds.add(a.id);
    }
    // Users the fuzz may PATCH freely (the actors themselves are protected from that).
    const victims = await Promise.all(
      [0, 1, 2].map(() => newUser(t, A.la.id, ['family_help_practitioner'])),
    );
    for (const v of victims) poolsA.add('users', v.id);
    poolsA.add('local-authorities', A.la.id);
    for (const team of [A.fhTeam, A.otherFhTeam, A.cpTeam]) poolsA.add('teams', team.id);
    const seeded = await Promise.all([seedWorld(t, A, poolsA), seedWorld(t, A, poolsA)]);
    say(`fuzz seeding (via the API, best effort): ${JSON.stringify(seeded[0])}`);
    fingerprint = await fingerprinter(ds);
    // The write check must see an in-place update, not only new rows, and a write that puts the
    // same content back; reading and locking rows is not a write.
    const fp0 = await fingerprint();
    await ds.query(`UPDATE team SET name = name || '~' WHERE id = $1`, [A.fhTeam.id]);
    const fp1 = await fingerprint();
    await ds.query(`UPDATE team SET name = left(name, -1) WHERE id = $1`, [A.fhTeam.id]);
    const fp2 = await fingerprint();
    expect(changedTables(fp0, fp1)).toEqual(['team']);
    expect(changedTables(fp1, fp2)).toEqual(['team']);
    expect(changedTables(fp0, fp2)).toEqual(['team']);
    await ds.query(`SELECT id FROM team WHERE id = $1 FOR SHARE`, [A.fhTeam.id]);
    expect(changedTables(fp2, await fingerprint())).toEqual([]);
    // Harvest real ids: every collection, then every readable record, once per granted actor
    // of LA A (not the platform admin: it sees every LA, and only LA A's ids may enter).
    for (const pass of [0, 1]) {
      const gets = ops.filter(
        (o) => o.method === 'GET' && (pass === 1) === o.pathParams.length > 0,
      );
      await Promise.all(
        gets.map(async (op) => {
          const r = fc.sample(requestsFor(doc, op, { crossTenant: true }), {
            seed: SEED,
            numRuns: 1,
          })[0];
          for (const a of actorsA.filter((x) => isGranted(x.actor as never, permissionOf(op)))) {
            const res = await send(base, concretise({ ...r, query: [] }, poolsA, a));
            if (res.status < 300 && /json/.test(res.contentType)) {
              poolsA.harvest(resourceOf(op.path), JSON.parse(res.text));
            }
          }
        }),
      );
    }
    say(`fuzz pools of LA A: ${JSON.stringify(poolsA.sizes())}`);
  }, 120_000);

  afterAll(() => t?.close());

  it(`sends >= ${MIN_TOTAL} seeded requests across every operation: no 5xx, problem+json errors, no write without success`, async () => {
    const started = Date.now();
    const perOpRuns = Math.max(100, Math.ceil(MAIN_BUDGET / ops.length));
    say(
      `fuzz seed=${SEED} (FUZZ_SEED to reproduce); ${ops.length} operations from /openapi.json; ${perOpRuns} requests each`,
    );
    for (const op of ops) {
      const generated = fc.sample(requestsFor(doc, op), {
        seed: SEED ^ hash32(key(op)),
        numRuns: perOpRuns,
      });
      // Valid-looking bodies last, so batches of failures are not mixed with real writes.
      generated.sort((x, y) => Number(x.mutation === 'valid') - Number(y.mutation === 'valid'));
      const items = generated.map((r) => {
        const actor = pickActor(op, r, [...actorsA, admin]);
        return {
          op,
          sent: concretise(r, poolsA, actor),
          harvest: actor !== null && actor !== admin,
          cross: false,
          mutation: r.mutation,
        };
      });
      await runBatches(items);
    }
    say(`fuzz main phase: ${totals.main} requests in ${Date.now() - started} ms`);
  }, 300_000);

  it("never gives another LA's caller a 2xx on this LA's real ids, nor shows it this LA's ids", async () => {
    const started = Date.now();
    const probeOps = ops.filter(
      (o) => o.pathParams.length > 0 || (o.method !== 'GET' && o.body !== null),
    );
    const perOpRuns = Math.max(20, Math.ceil(CROSS_BUDGET / Math.max(1, probeOps.length)));
    for (const op of probeOps) {
      const generated = fc.sample(requestsFor(doc, op, { crossTenant: true }), {
        seed: (SEED + 1) ^ hash32(key(op)),
        numRuns: perOpRuns,
      });
      const items = generated.map((r) => {
        const actor = pickActor(op, r, actorsB);
        const sent = concretise(r, poolsA, actor);
        if (sent.usedRealIds.length) totals.crossProbes++;
        return { op, sent, harvest: false, cross: true };
      });
      await runBatches(items);
    }
    say(
      `fuzz cross-tenant phase: ${totals.cross} requests (${totals.crossProbes} carrying the other LA's real ids) in ${Date.now() - started} ms`,
    );
  }, 300_000);

  it('reports totals and finds no violation', () => {
    const total = totals.main + totals.cross;
    say(
      [
        `fuzz totals (seed ${SEED}): ${total} generated requests = ${totals.main} main + ${totals.cross} cross-tenant`,
        `  by status: ${JSON.stringify(statusCounts)}`,
        `  write check: ${totals.batches} batches, ${totals.verified} verified unchanged, ${totals.skipped} skipped (held a successful write); fingerprints took ${fingerprintMs} ms`,
        `  per operation:`,
        ...Object.entries(perOp).map(([k, v]) => `    ${k.padEnd(70)} ${JSON.stringify(v)}`),
        `  violations: ${violations.length}`,
      ].join('\n'),
    );
    expect(total).toBeGreaterThanOrEqual(MIN_TOTAL);
    expect(totals.crossProbes).toBeGreaterThan(0);
    if (violations.length) {
      // Only a failing run leaves a report (the whole list; the assertion shows 25).
      const report = join(tmpdir(), `tandem-fuzz-violations-${SEED}.txt`);
      writeFileSync(report, violations.map((v) => `[${v.kind}] ${v.detail}`).join('\n\n') + '\n');
      process.stderr.write(`all ${violations.length} fuzz violations written to ${report}\n`);
    }
    const shown = violations.slice(0, 25).map((v) => `[${v.kind}] ${v.detail}`);
    expect(shown).toEqual([]);
  });
});
