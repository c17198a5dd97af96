import type { ServerResponse } from 'node:http';

/**
 * Counts the HTTP requests in progress so a graceful stop (SIGTERM, Ctrl-C) can finish them
 * before the connection pool closes. While draining, /health answers 503 (a load balancer stops
 * sending traffic) and responses ask keep-alive clients to reconnect elsewhere.
 */
export class InFlightRequests {
  private count = 0;
  private waiters: (() => void)[] = [];
  draining = false;

  get size(): number {
    return this.count;
  }

  /** Counts one request until its response finishes or its connection closes (called from the
   * `onRequest` hook). */
  readonly track = (res: ServerResponse): void => {
    this.count++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      res.removeListener('finish', end);
      res.removeListener('close', end);
      this.count--;
      if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
    };
    // `on` and removal, not `once`: with `once` on the response, every request's objects (its
    // headers, rows and context, ~8 KB) outlived a young-generation collection and were copied
    // to the old generation, where only a full collection frees them (docs/bench.md, sixth stop).
    res.on('finish', end);
    res.on('close', end);
    if (this.draining) res.setHeader('Connection', 'close');
  };

  /** Resolves true once no request is in progress, false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** The process's one tracker (the health check reads `draining`). */
export const inFlight = new InFlightRequests();
