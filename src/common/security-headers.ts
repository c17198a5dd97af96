import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** What the headers are set on: the Node.js response (under Fastify, `reply.raw`, so that every
 * response carries them, Fastify's own error and not-found responses included). */
export type HeaderSink = Pick<ServerResponse, 'setHeader' | 'removeHeader'>;
export type SecurityHeaders = (req: unknown, res: HeaderSink, next: () => void) => void;

/**
 * helmet's security headers, computed ONCE: helmet's own middleware runs a chain of a dozen
 * middlewares per request to set headers that never change (no per-request CSP nonce here), so
 * it is run once against a recorder at start and the result is replayed on every response.
 * helmet stays the source of truth for which headers and values (upgrading helmet upgrades
 * these); only the per-request chain is gone.
 */
export function securityHeaders(options?: HelmetOptions): SecurityHeaders {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  let ranToCompletion = false;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      set.push([name, value]);
    },
    removeHeader: (name: string) => {
      removed.push(name);
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    ranToCompletion = true;
  });
  // helmet's chain is synchronous; if a future version were not, fail at start, not silently.
  if (!ranToCompletion) throw new Error('helmet did not finish synchronously');
  return (_req: unknown, res: HeaderSink, next: () => void) => {
    for (let i = 0; i < set.length; i++) res.setHeader(set[i][0], set[i][1]);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]);
    next();
  };
}
