import http from 'node:http';

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Seconds of unmeasured load before each measured run (BENCH_WARMUP). */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 1);

/** The p-th percentile of sorted latencies (0 when there are none). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Keep-alive HTTP load from this process: `concurrency` loops for `seconds`; latencies in ms. */
export async function load(opts: {
  name: string;
  /** The target, or one per concurrent loop (`worker` 0 … concurrency-1). */
  url: string | ((worker: number) => string);
  method?: string;
  headers?: Record<string, string>;
  body?: (worker: number) => unknown;
  /** Given each response's status and body (read only when set). */
  onResponse?: (worker: number, status: number, body: string) => void;
  concurrency: number;
  seconds: number;
  /** Unmeasured load first (same connections), so JIT, pools and caches are warm: BENCH_WARMUP
   * seconds, default 1. Only responses that arrive after it count. */
  warmupSeconds?: number;
  expectStatus: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const targets = Array.from(
    { length: opts.concurrency },
    (_, w) => new URL(typeof opts.url === 'string' ? opts.url : opts.url(w)),
  );
  const latencies: number[] = [];
  let errors = 0;
  const warmup = opts.warmupSeconds ?? WARMUP_SECONDS;
  const measureFrom = Date.now() + warmup * 1000;
  const deadline = measureFrom + opts.seconds * 1000;
  const one = (worker: number) =>
    new Promise<void>((resolve) => {
      const target = targets[worker];
      const payload = opts.body ? JSON.stringify(opts.body(worker)) : undefined;
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: opts.method ?? 'GET',
          headers: {
            ...(opts.headers ?? {}),
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          let text = '';
          if (opts.onResponse) res.on('data', (d: Buffer) => (text += d));
          else res.resume();
          res.on('end', () => {
            opts.onResponse?.(worker, res.statusCode ?? 0, text);
            if (Date.now() >= measureFrom) {
              latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
              if (res.statusCode !== opts.expectStatus) errors++;
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      if (payload) req.write(payload);
      req.end();
    });
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, worker) => {
      while (Date.now() < deadline) await one(worker);
    }),
  );
  agent.destroy();
  const seconds = (Date.now() - measureFrom) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name: opts.name,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export function printResult(r: LoadResult): void {
  console.log(
    `${r.name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.requests} requests, ${r.errors} unexpected)${r.errors ? '  <- NOT VALID: unexpected responses' : ''}`,
  );
}
