import http from 'node:http';
import { percentile, WARMUP_SECONDS, type LoadResult } from './load';

/**
 * Open-loop load: requests ARRIVE at `rate` a second (Poisson, a fixed seed so every run offers
 * the same arrivals), each sent whether or not earlier ones have answered: the latency a user
 * sees at that traffic, not the machine's saturation. A closed loop of 16 connections (`load`)
 * keeps 16 requests in the system at every instant, so its p99 is about 16 ÷ throughput: a
 * throughput figure. Each latency runs from the request's scheduled arrival, so a late send
 * (the load generator itself behind) counts against the server, not in its favour.
 */
export async function loadAtRate(opts: {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Offered requests per second. */
  rate: number;
  seconds: number;
  expectStatus: number;
}): Promise<LoadResult & { offered: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(opts.url);
  const random = mulberry32(0x7a4d3e);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_SECONDS * 1000;
  const end = measureFrom + opts.seconds * 1000;
  const inFlight = new Set<Promise<void>>();
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          headers: opts.headers ?? {},
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (scheduled >= measureFrom) {
              latencies.push(performance.now() - scheduled);
              if (res.statusCode !== opts.expectStatus) errors++;
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        if (scheduled >= measureFrom) errors++;
        resolve();
      });
      req.end();
    });
  let next = start;
  while (next < end) {
    const wait = next - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const p = send(next);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    next += (-Math.log(1 - random()) / opts.rate) * 1000;
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name: opts.name,
    offered: opts.rate,
    requests: latencies.length,
    errors,
    seconds: opts.seconds,
    rps: latencies.length / opts.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** A small seeded generator (the same arrivals every run). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
