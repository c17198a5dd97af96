import 'reflect-metadata';
import { resolve } from 'node:path';
import request from 'supertest';
import type { TestApp } from '../test/utils/create-app';
import { newCase } from '../test/utils/case.factories';
import { API, newWorld } from '../test/utils/factories';
import { startProcess, tandemEnv, type Child } from './processes';
import { load, percentile, type LoadResult } from './load';
import { cpuPerRequest } from './same-work';

/**
 * `npm run bench:ab`: two Tandem processes on one database, A with BENCH_AB_A's Node flags and B
 * with BENCH_AB_B's (each a space-separated list; default: as `npm start`), each running dist/ or
 * the build BENCH_AB_A_DIST / BENCH_AB_B_DIST names (a copy of dist/ from before a change, kept
 * under `.bench-ab/` in the checkout so it resolves node_modules), alternating on the same
 * requests (/health, /auth/me, the case read, notes; BENCH_AB_LINES names a subset) for
 * BENCH_AB_ROUNDS rounds, the order flipped every round, so that both see the same machine. Prints each run's
 * req/s and CPU per request and, per line, the medians and B's over A's. For deciding a runtime
 * setting with figures rather than with two runs minutes apart on a machine whose speed drifts.
 */
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const flags = (v: string | undefined) => (v ? v.split(' ').filter(Boolean) : []);
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** One side: as `npm start` runs Tandem, plus its flags, on dist/ or another build. */
function side(env: Record<string, string>, nodeFlags?: string, dist?: string): Promise<Child> {
  return startProcess(
    'tandem-server.js',
    { ...env, ...(dist ? { BENCH_DIST: resolve(dist) } : {}) },
    flags(nodeFlags),
  );
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('bench:ab needs DATABASE_URL');
  const env = tandemEnv(databaseUrl);
  // The world is set up through a third process, stopped before the runs: A and B both start
  // pristine (set up through A, A ran ~10% slower than B in an A/A check).
  const setup = await startProcess('tandem-server.js', env);
  let world: Awaited<ReturnType<typeof newWorld>>;
  let sample: Awaited<ReturnType<typeof newCase>>;
  try {
    const t = { req: () => request(setup.url), databaseUrl } as unknown as TestApp;
    world = await newWorld(t);
    sample = await newCase(t, world, { children: 2 });
  } finally {
    await setup.stop();
  }
  const servers: [string, Child][] = [
    ['A', await side(env, process.env.BENCH_AB_A, process.env.BENCH_AB_A_DIST)],
    ['B', await side(env, process.env.BENCH_AB_B, process.env.BENCH_AB_B_DIST)],
  ];
  try {
    const auth = { Authorization: `Bearer ${world.practitioner.token}` };
    const lines: {
      name: string;
      path: string;
      method?: string;
      body?: () => unknown;
      status: number;
    }[] = [
      { name: 'GET /health', path: '/health', status: 200 },
      { name: 'GET /auth/me', path: `${API}/auth/me`, status: 200 },
      { name: 'GET /cases/:id', path: `${API}/cases/${sample.id}`, status: 200 },
      {
        name: 'POST /cases/:id/notes',
        path: `${API}/cases/${sample.id}/notes`,
        method: 'POST',
        body: () => ({ body: 'A/B note' }),
        status: 201,
      },
    ];
    // BENCH_AB_LINES: a comma-separated subset of the lines' names (default: all).
    const only = process.env.BENCH_AB_LINES?.split(',');
    for (const line of lines.filter((l) => !only || only.includes(l.name))) {
      const runs: Record<string, { rps: number; cpu: number }[]> = { A: [], B: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [who, server] of round % 2 ? [...servers].reverse() : servers) {
          const before = server.cpu();
          const r: LoadResult = await load({
            name: `${who} ${line.name}`,
            url: `${server.url}${line.path}`,
            method: line.method,
            body: line.body,
            headers: line.body ? { ...auth, 'content-type': 'application/json' } : auth,
            concurrency: CONCURRENCY,
            seconds: SECONDS,
            expectStatus: line.status,
          });
          const after = server.cpu();
          const { user, system } = cpuPerRequest(before, after, r, SECONDS);
          const cpu = user + system;
          runs[who].push({ rps: r.rps, cpu });
          console.log(
            `${who} ${line.name}: ${r.rps.toFixed(0)} req/s, CPU ${cpu.toFixed(3)} ms/request${r.errors ? `, ${r.errors} unexpected` : ''}`,
          );
        }
      }
      const m = (who: string, k: 'rps' | 'cpu') => median(runs[who].map((x) => x[k]));
      console.log(
        `${line.name}: median A ${m('A', 'rps').toFixed(0)} req/s ${m('A', 'cpu').toFixed(3)} ms; B ${m('B', 'rps').toFixed(0)} req/s ${m('B', 'cpu').toFixed(3)} ms; B/A req/s ${(m('B', 'rps') / m('A', 'rps')).toFixed(2)}, CPU ${(m('B', 'cpu') / m('A', 'cpu')).toFixed(2)}`,
      );
    }
  } finally {
    for (const [, s] of servers) await s.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
