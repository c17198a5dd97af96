import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Pool } from 'pg';
import { freePort, startEmbeddedPostgres } from 'src/database/embedded-postgres';
import type { TestApp } from '../test/utils/create-app';
import { newCase } from '../test/utils/case.factories';
import { API, newWorld } from '../test/utils/factories';
import { startProcess, tandemEnv } from './processes';
import { hotPaths } from './hot-paths';
import { load, LoadResult, printResult } from './load';
import { captureSameWork, printCpu, printSummary, sameWorkLines } from './same-work';

/**
 * `npm run bench`: seeds BENCH_CASES cases (default 100,000) and prints throughput and latency of
 * the hot paths, against DATABASE_URL or an ephemeral embedded Postgres. Figures, not pass/fail.
 * Every invocation runs the same-work limit (bench/limit-server.js) beside Tandem's case read and
 * ends with their ratio; the practitioner's screens (caseload pages, the ECPP's decision-request
 * queue, the information-request inbox, the contacts queue, the timeline) and the writes (notes,
 * decisions) each run beside their own same-work limit (bench/same-work.ts), with R and the p99
 * ratio per path in a summary table. `--quick`: 2,000 cases, 2 s runs.
 */
const QUICK = process.argv.includes('--quick');
const CASES = Number(process.env.BENCH_CASES ?? (QUICK ? 2_000 : 100_000));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 5));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Case read and the limit alternate this many times; the best run of each is compared. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** BENCH_ONLY=key,…: only those lines (`case-read` for the case read, its limits and the stack's
 * fixed cost; a hot path's key from bench/hot-paths.ts otherwise), e.g. to profile one of them
 * with BENCH_PROF_DIR. Unset: every line. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wants = (key: string) => !ONLY || ONLY.has(key);

const best = (runs: LoadResult[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));

async function main() {
  let base: string | null = null;
  let stopDb = async () => undefined as void;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    base = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
    const pg = await startEmbeddedPostgres({
      baseDir: base,
      port: await freePort(),
      persistent: false,
      database: 'tandem_bench',
    });
    databaseUrl = pg.url;
    stopDb = () => pg.stop();
  }
  const env = tandemEnv(databaseUrl);

  const server = await startProcess('tandem-server.js', env);
  const baseUrl = server.url;
  const t = { req: () => request(baseUrl), databaseUrl } as unknown as TestApp;
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const world = await newWorld(t);
    const sample = await newCase(t, world, { children: 2 });
    const seedStart = Date.now();
    await db.query(
      `INSERT INTO case_record (id, local_authority_id, family_id, team_id, lead_practitioner_id, stage, restricted,
                                referral_date, referral_source, created_at, updated_at)
       SELECT gen_random_uuid(), local_authority_id, family_id, team_id, lead_practitioner_id, stage, false,
              referral_date, referral_source, now() - (g * interval '1 second'), now()
         FROM case_record, generate_series(1, $2) g WHERE id = $1`,
      [sample.id, CASES],
    );
    await db.query(`ANALYZE`);
    console.log(
      `seeded ${CASES} cases in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; ${CONCURRENCY} connections, ${SECONDS} s per run`,
    );
    const auth = { Authorization: `Bearer ${world.practitioner.token}` };
    const rssBefore = server.rssMiB();

    const reads: LoadResult[] = [];
    const limits: LoadResult[] = [];
    const leans: LoadResult[] = [];
    if (wants('case-read')) {
      // The fixed cost of the stack, step by step: no auth; auth (token + account reload).
      const stack = async (name: string, url: string, headers?: Record<string, string>) => {
        const before = server.cpu();
        const run = await load({
          name,
          url,
          headers,
          concurrency: CONCURRENCY,
          seconds: SECONDS,
          expectStatus: 200,
        });
        printResult(run);
        printCpu('Tandem', before, server.cpu(), run, SECONDS);
      };
      await stack('GET /health (no auth, one DB ping)', `${baseUrl}/health`);
      await stack('GET /auth/me (JWT + account reload)', `${baseUrl}${API}/auth/me`, auth);
      // The case read beside the same-work limit, alternating so both see the same machine.
      const { rows: callers } = await db.query(
        `SELECT id, local_authority_id AS "localAuthorityId", roles, agency, name
         FROM app_user WHERE id = $1`,
        [world.practitioner.id],
      );
      const limit = await startProcess('limit-server.js', {
        DATABASE_URL: databaseUrl,
        BENCH_ACTOR: JSON.stringify({ kind: 'user', scopes: [], ...callers[0] }),
      });
      const lean = await startProcess('lean-limit-server.js', {
        DATABASE_URL: databaseUrl,
        BENCH_ACTOR_ID: world.practitioner.id,
      });
      for (let round = 0; round < ROUNDS; round++) {
        const limitBefore = limit.cpu();
        limits.push(
          await load({
            name: "same-work limit: Tandem's read statement",
            url: `${limit.url}/${sample.id}`,
            concurrency: CONCURRENCY,
            seconds: SECONDS,
            expectStatus: 200,
          }),
        );
        printResult(limits[limits.length - 1]);
        printCpu('limit', limitBefore, limit.cpu(), limits[limits.length - 1], SECONDS);
        leans.push(
          await load({
            name: 'lean limit: case + ids + audit (less work)',
            url: `${lean.url}/${sample.id}`,
            concurrency: CONCURRENCY,
            seconds: SECONDS,
            expectStatus: 200,
          }),
        );
        printResult(leans[leans.length - 1]);
        const cpuBefore = server.cpu();
        reads.push(
          await load({
            name: 'GET /cases/:id (auth, access check, audit row)',
            url: `${baseUrl}${API}/cases/${sample.id}`,
            headers: auth,
            concurrency: CONCURRENCY,
            seconds: SECONDS,
            expectStatus: 200,
          }),
        );
        printResult(reads[reads.length - 1]);
        printCpu('Tandem', cpuBefore, server.cpu(), reads[reads.length - 1], SECONDS);
      }
      await limit.stop();
      await lean.stop();
      const baseline = await startProcess('baseline-server.js', { DATABASE_URL: databaseUrl });
      printResult(
        await load({
          name: 'read-only reference: case SQL, no audit row',
          url: `${baseline.url}/${sample.id}`,
          concurrency: CONCURRENCY,
          seconds: SECONDS,
          expectStatus: 200,
        }),
      );
      await baseline.stop();
      printResult(
        await load({
          name: `GET /cases?teamId (first page of ${CASES})`,
          url: `${baseUrl}${API}/cases?teamId=${world.fhTeam.id}&limit=50`,
          headers: auth,
          concurrency: CONCURRENCY,
          seconds: SECONDS,
          expectStatus: 200,
        }),
      );

      // Walk deep into the caseload by cursor: keyset pages should cost the same at any depth.
      let cursor: string | null = null;
      const pageMs: number[] = [];
      for (let i = 0; i < 40; i++) {
        const started = Date.now();
        const res: request.Response = await t
          .req()
          .get(`${API}/cases`)
          .query({ teamId: world.fhTeam.id, limit: 200, ...(cursor ? { cursor } : {}) })
          .set(auth);
        pageMs.push(Date.now() - started);
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      console.log(
        `cursor walk: ${pageMs.length} pages of 200; first ${pageMs[0]} ms, last ${pageMs[pageMs.length - 1]} ms, mean ${(pageMs.reduce((a, b) => a + b, 0) / pageMs.length).toFixed(1)} ms`,
      );
    }
    // The practitioner's screens and the writes, each beside its same-work limit: the statements
    // Tandem sends for one request, captured from a separate Tandem process and replayed on bare
    // node + pg (bench/same-work.ts). The notes write is among them.
    const paths = (
      await hotPaths(t, world, sample, {
        concurrency: CONCURRENCY,
        contacts: QUICK ? 50 : 500,
      })
    ).filter((p) => wants(p.key));
    let lines: Awaited<ReturnType<typeof sameWorkLines>> = [];
    if (paths.length) {
      const capture = await startProcess('tandem-server.js', { ...env, BENCH_CAPTURE: '1' });
      const file = await captureSameWork(capture, capture.url, paths, CONCURRENCY);
      await capture.stop();
      const sameWork = await startProcess('same-work-server.js', {
        DATABASE_URL: databaseUrl,
        BENCH_SAME_WORK_FILE: file,
      });
      lines = await sameWorkLines({
        baseUrl,
        limitUrl: sameWork.url,
        paths,
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        rounds: ROUNDS,
        tandemCpu: () => server.cpu(),
        limitCpu: () => sameWork.cpu(),
      });
      await sameWork.stop();
      rmSync(file, { force: true });
    }
    console.log(
      `Tandem process RSS: ${rssBefore.toFixed(0)} MiB after seeding, ${server.rssMiB().toFixed(0)} MiB after the load`,
    );
    if (lines.length) printSummary(lines);
    if (!reads.length) return;
    const read = best(reads);
    const floor = best(limits);
    const leanest = best(leans);
    console.log(
      `(best of ${ROUNDS}: Tandem ${read.rps.toFixed(0)} req/s p99 ${read.p99.toFixed(1)} ms; limit ${floor.rps.toFixed(0)} req/s p99 ${floor.p99.toFixed(1)} ms; lean limit ${leanest.rps.toFixed(0)} req/s p99 ${leanest.p99.toFixed(1)} ms)`,
    );
    console.log(`case read: lean limit = ${(read.rps / leanest.rps).toFixed(2)} (reference)`);
    console.log(`case read: same-work limit = ${(read.rps / floor.rps).toFixed(2)}`);
    console.log(`case read: p99 / same-work limit p99 = ${(read.p99 / floor.p99).toFixed(2)}`);
  } finally {
    await server.stop();
    await db.end();
    await stopDb();
    if (base) rmSync(base, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
