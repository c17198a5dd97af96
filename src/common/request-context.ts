import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from 'src/access/actor';

export interface RequestContext {
  requestId: string;
  ip: string | null;
  method: string;
  path: string;
  /** What a list's cursor is bound to: method, path and the query minus `cursor`/`limit`. */
  cursorScope: string;
  actor?: Actor;
}

/** Method, path and filters of a request, so a cursor works only where it was issued: the same
 * endpoint (ids in the path included) with the same filters; `limit` may change per page. */
export function cursorScopeOf(method: string, url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).toLowerCase().replace(/\/+$/, '');
  const params = [...new URLSearchParams(q < 0 ? '' : url.slice(q + 1))]
    .filter(([k]) => k !== 'cursor' && k !== 'limit')
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return `${method === 'HEAD' ? 'GET' : method} ${path}?${new URLSearchParams(params).toString()}`;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id (a caller's X-Request-Id when well-formed) and a context that the
 * audit writer and logs read without threading it through every call. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('Cache-Control', 'no-store');
  (req as Request & { id?: string }).id = requestId;
  let cursorScope: string | undefined;
  const ctx: RequestContext = {
    requestId,
    ip: req.ip ?? req.socket?.remoteAddress ?? null,
    method: req.method,
    path: req.path,
    // Only lists read it: worked out on first use, not on every request.
    get cursorScope() {
      return (cursorScope ??= cursorScopeOf(req.method, req.originalUrl ?? req.url));
    },
  };
  storage.run(ctx, () => next());
}

/** Runs `fn` inside an existing request's context (work finished after the response). */
export function runInContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
