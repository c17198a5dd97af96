import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Child, CpuTimes } from './processes';
import { load, type LoadResult, printResult, WARMUP_SECONDS } from './load';
import { loadAtRate } from './open-loop';

/**
 * Same-work limits, one mechanism for every hot path: a Tandem process started with
 * BENCH_CAPTURE=1 (bench/capture.js; never the one measured) serves one request of each path and
 * hands back the statements it sent for it; bench/same-work-server.js replays them on bare
 * node + pg. Tandem and its limit then alternate `rounds` times on the same machine, and the best
 * run of each gives R (Tandem's req/s over the limit's) and the p99 ratio — as the case read
 * line does with its limit built from Tandem's own statement builder.
 */
export interface HotPath {
  /** Short key (URL-safe) and the printed name. */
  key: string;
  name: string;
  method?: 'GET' | 'POST';
  /** Path under Tandem's base URL, per concurrent loop for writes that need their own record. */
  path: (worker: number) => string;
  headers: Record<string, string>;
  body?: (worker: number) => unknown;
  expectStatus: number;
  /** The loop index whose path and body the capture uses (default 0): a write that changes its
   * record's state is captured on a record of its own. */
  captureWorker?: number;
  /** Each response (a write that chains on the previous one reads its id here). */
  onResponse?: (worker: number, status: number, body: string) => void;
  /** For a write on each loop's own record: the captured record's values → loop `w`'s. */
  perWorker?: (worker: number) => Record<string, string>;
  /** A chain (each write follows on the loop's previous one): the loops' latest record ids,
   * handed to the limit before its run and taken back after it, so both continue the chain. */
  chain?: { get: () => (string | null)[]; set: (ids: (string | null)[]) => void };
}

interface Statement {
  text: string;
  name: string | null;
  values: unknown[];
  returned: { row: number; col: string; value: string }[];
}

export interface Captured {
  statements: Statement[];
  generated: string[];
}

/** Whether `v` (a parameter, possibly an array) holds `id`. */
const holds = (v: unknown, id: string): boolean =>
  v === id ||
  (Array.isArray(v)
    ? v.some((x) => holds(x, id))
    : typeof v === 'object' && v !== null && Object.values(v).some((x) => holds(x, id)));

function once(
  baseUrl: string,
  p: HotPath,
  requestId: string,
): Promise<{ status: number; body: string }> {
  const w = p.captureWorker ?? 0;
  const url = new URL(baseUrl + p.path(w));
  const payload = p.body ? JSON.stringify(p.body(w)) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: p.method ?? 'GET',
        headers: {
          ...p.headers,
          'x-request-id': requestId,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          p.onResponse?.(w, res.statusCode ?? 0, body);
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Captures each path's statements from the capturing Tandem; writes the replay file. */
export async function captureSameWork(
  capture: Child,
  captureUrl: string,
  paths: HotPath[],
  concurrency: number,
): Promise<string> {
  const out: Record<string, unknown> = {};
  const idOf = (body: string) => (JSON.parse(body) as { id: string }).id;
  for (const p of paths) {
    // One request first, uncaptured: the capture sees the steady state (caches warm, a chain's
    // second step), not a first request's extra reads.
    const first = await once(captureUrl, p, `bench-warm-up-${randomUUID()}`);
    if (first.status !== p.expectStatus)
      throw new Error(`warm-up ${p.name}: ${first.status} ${first.body.slice(0, 300)}`);
    const prev = p.chain ? idOf(first.body) : null;
    const requestId = `bench-capture-${randomUUID()}`;
    const res = await once(captureUrl, p, requestId);
    if (res.status !== p.expectStatus)
      throw new Error(`capture ${p.name}: ${res.status} ${res.body.slice(0, 300)}`);
    // Detached writes (if any) finish after the response: give them a moment.
    await new Promise((r) => setTimeout(r, 200));
    const got = await capture.ask<Captured>({ capture: 'take', requestId });
    // The ids an INSERT returned that later statements use (or that a chain continues from):
    // the replay hands its own on.
    const next = p.chain ? idOf(res.body) : null;
    const statements = got.statements.map((st, i) => ({
      text: st.text,
      name: st.name,
      values: st.values,
      // Only a write's RETURNING names new records; a read's rows differ per record and run.
      returns: st.returned.filter(
        (r) =>
          /^\s*INSERT\b/i.test(st.text) &&
          (r.value === next ||
            got.statements
              .slice(i + 1)
              .some((later) => later.values.some((v) => holds(v, r.value)))),
      ),
    }));
    out[p.key] = {
      statements,
      fresh: [...got.generated, requestId],
      ...(p.perWorker
        ? { workers: Array.from({ length: concurrency }, (_, w) => p.perWorker?.(w)) }
        : {}),
      ...(p.chain && prev ? { chain: { prev, next } } : {}),
    };
    const kinds = got.statements.map((s) => s.text.trim().split(/\s+/)[0].toUpperCase());
    console.log(`  captured ${p.key}: ${got.statements.length} statements (${kinds.join(' ')})`);
  }
  const file = join(tmpdir(), `tandem-same-work-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(out));
  return file;
}

/** A process's CPU per request over a run, user and system time in ms (the warm-up's requests
 * counted too: the CPU of every request the run sent, measured or not). System time is mostly
 * the loopback TCP of its sockets, which the kernel works in the sender's time. */
export function cpuPerRequest(
  before: CpuTimes,
  after: CpuTimes,
  run: LoadResult,
  seconds: number,
): CpuTimes {
  const sent = run.requests * (1 + WARMUP_SECONDS / seconds);
  return { user: (after.user - before.user) / sent, system: (after.system - before.system) / sent };
}

export function printCpu(
  who: string,
  before: CpuTimes,
  after: CpuTimes,
  run: LoadResult,
  seconds: number,
): void {
  const { user, system } = cpuPerRequest(before, after, run, seconds);
  if (Number.isFinite(user + system))
    console.log(
      `  ${who} CPU ${(user + system).toFixed(3)} ms/request (user ${user.toFixed(3)}, system ${system.toFixed(3)})`,
    );
}

const best = (runs: LoadResult[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));

export interface Comparison {
  name: string;
  tandem: LoadResult;
  limit: LoadResult;
  r: number;
  p99Ratio: number;
  /** A read's latency at an offered rate (open loop, `loadAtRate`), Tandem alone. */
  atRate?: LoadResult & { offered: number };
}

/** The offered rate of the reads' open-loop line: England's busiest hour on one machine (about
 * 33,000 practitioners × 20 list pages a day, 20% of them in one hour ≈ 37 a second;
 * docs/scaling.md). BENCH_OPEN_RATE. */
export const OPEN_RATE = Number(process.env.BENCH_OPEN_RATE ?? 40);
/** How long each open-loop line offers its load: BENCH_OPEN_SECONDS, else the run's seconds but
 * at least 5 (200 arrivals at 40 a second, enough for a p99). The bench's smoke test shortens it. */
const OPEN_SECONDS = process.env.BENCH_OPEN_SECONDS ? Number(process.env.BENCH_OPEN_SECONDS) : null;

/**
 * Tandem's path beside its limit, alternating `rounds` times; prints every run, then R and the
 * p99 ratio of the best runs.
 */
export async function compare(opts: {
  name: string;
  tandem: Parameters<typeof load>[0];
  limit: Parameters<typeof load>[0];
  rounds: number;
  /** Around each limit run (a chain's state handed over and back). */
  beforeLimit?: () => Promise<void>;
  afterLimit?: () => Promise<void>;
  /** What went wrong in the limit's replays (when some failed). */
  limitErrors?: () => Promise<string[]>;
  /** The Tandem process's and the limit's CPU time so far: each run then prints its CPU per
   * request. */
  tandemCpu?: () => CpuTimes;
  limitCpu?: () => CpuTimes;
}): Promise<Comparison> {
  const tandem: LoadResult[] = [];
  const limit: LoadResult[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    await opts.beforeLimit?.();
    const limitBefore = opts.limitCpu?.();
    limit.push(await load(opts.limit));
    const limitAfter = opts.limitCpu?.();
    await opts.afterLimit?.();
    if (limit[limit.length - 1].errors && opts.limitErrors)
      console.log(`  limit errors: ${(await opts.limitErrors()).join(' | ')}`);
    printResult(limit[limit.length - 1]);
    if (limitBefore && limitAfter)
      printCpu('limit', limitBefore, limitAfter, limit[limit.length - 1], opts.limit.seconds);
    const tandemBefore = opts.tandemCpu?.();
    tandem.push(await load(opts.tandem));
    printResult(tandem[tandem.length - 1]);
    const tandemAfter = opts.tandemCpu?.();
    if (tandemBefore && tandemAfter)
      printCpu('Tandem', tandemBefore, tandemAfter, tandem[tandem.length - 1], opts.tandem.seconds);
  }
  const t = best(tandem);
  const l = best(limit);
  const c = { name: opts.name, tandem: t, limit: l, r: t.rps / l.rps, p99Ratio: t.p99 / l.p99 };
  console.log(
    `${opts.name}: R = ${c.r.toFixed(2)}, p99 / same-work limit p99 = ${c.p99Ratio.toFixed(2)} (best of ${opts.rounds}: Tandem ${t.rps.toFixed(0)} req/s p99 ${t.p99.toFixed(1)} ms; limit ${l.rps.toFixed(0)} req/s p99 ${l.p99.toFixed(1)} ms)`,
  );
  return c;
}

/** Every hot path beside its replayed limit (the limit server already started on `file`). */
export async function sameWorkLines(opts: {
  baseUrl: string;
  limitUrl: string;
  paths: HotPath[];
  concurrency: number;
  seconds: number;
  rounds: number;
  tandemCpu?: () => CpuTimes;
  limitCpu?: () => CpuTimes;
}): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const p of opts.paths) {
    const state = `${opts.limitUrl}/_state/${p.key}`;
    const chain = p.chain;
    // Two probes of the limit (a chain's second step too): a replay that fails says why here.
    if (chain) await fetch(state, { method: 'POST', body: JSON.stringify(chain.get()) });
    for (let i = 0; i < 2; i++) {
      const probe = await fetch(`${opts.limitUrl}/${p.key}?w=0`, { method: p.method ?? 'GET' });
      if (!probe.ok)
        console.log(`  same-work limit ${p.key} failed: ${(await probe.text()).slice(0, 300)}`);
    }
    if (chain) chain.set((await (await fetch(state)).json()) as (string | null)[]);
    const c = await compare({
      name: p.name,
      rounds: opts.rounds,
      beforeLimit: chain
        ? async () =>
            void (await fetch(state, { method: 'POST', body: JSON.stringify(chain.get()) }))
        : undefined,
      afterLimit: chain
        ? async () => chain.set((await (await fetch(state)).json()) as (string | null)[])
        : undefined,
      tandemCpu: opts.tandemCpu,
      limitCpu: opts.limitCpu,
      limitErrors: async () => (await (await fetch(`${opts.limitUrl}/_errors`)).json()) as string[],
      limit: {
        name: `same-work limit: ${p.key}`,
        url: (w) => `${opts.limitUrl}/${p.key}?w=${w}`,
        method: p.method,
        concurrency: opts.concurrency,
        seconds: opts.seconds,
        expectStatus: p.method === 'POST' ? 201 : 200,
      },
      tandem: {
        name: p.name,
        url: (w) => opts.baseUrl + p.path(w),
        method: p.method,
        headers: p.headers,
        body: p.body,
        onResponse: p.onResponse,
        concurrency: opts.concurrency,
        seconds: opts.seconds,
        expectStatus: p.expectStatus,
      },
    });
    if ((p.method ?? 'GET') === 'GET') {
      c.atRate = await loadAtRate({
        name: `${p.name} at ${OPEN_RATE} req/s offered`,
        url: opts.baseUrl + p.path(0),
        headers: p.headers,
        rate: OPEN_RATE,
        seconds: OPEN_SECONDS ?? Math.max(opts.seconds, 5),
        expectStatus: p.expectStatus,
      });
      printResult(c.atRate);
    }
    out.push(c);
  }
  return out;
}

/** The summary table of a run: one line per path, R and p99 ratio. */
export function printSummary(rows: Comparison[]): void {
  console.log(
    `\nsame-work limits (best runs): path | Tandem req/s | limit req/s | R | p99 ratio | reads: Tandem's latency at ${OPEN_RATE} req/s offered (open loop)`,
  );
  for (const c of rows)
    console.log(
      `  ${c.name.padEnd(44)} ${c.tandem.rps.toFixed(0).padStart(6)} ${c.limit.rps.toFixed(0).padStart(6)}  R ${c.r.toFixed(2)}  p99 ${c.tandem.p99.toFixed(1)}/${c.limit.p99.toFixed(1)} ms = ${c.p99Ratio.toFixed(2)}${c.atRate ? `  | at ${c.atRate.offered} req/s offered: p50 ${c.atRate.p50.toFixed(1)}, p99 ${c.atRate.p99.toFixed(1)} ms${c.atRate.errors ? ' (NOT VALID: unexpected responses)' : ''}` : ''}`,
    );
}
