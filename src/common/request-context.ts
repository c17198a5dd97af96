import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from 'src/access/actor';

export interface RequestContext {
  requestId: string;
  ip: string | null;
  method: string;
  path: string;
  actor?: Actor;
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
  const ctx: RequestContext = {
    requestId,
    ip: req.ip ?? req.socket?.remoteAddress ?? null,
    method: req.method,
    path: req.path,
  };
  storage.run(ctx, () => next());
}

/** Runs `fn` with `ctx` as its request context: the scenario loader acts as each scenario user
 * (so the audit and timeline writers name them) outside any HTTP request. */
export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
