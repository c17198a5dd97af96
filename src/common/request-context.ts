import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from 'src/access/actor';
import { pathOf } from './http';

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

/** A request's id: the caller's X-Request-Id when well-formed, else a new UUID (Fastify's
 * `genReqId`, so `request.id` is it). */
export function requestIdOf(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const CONTEXT = Symbol('tandem.requestContext');
type WithContext = { [CONTEXT]?: RequestContext };

/** Gives every request a context that the audit writer and logs read without threading it
 * through every call (an `onRequest` hook; `X-Request-Id` echoes the id). The context is kept on
 * the request too: a body is read in the socket's async context, not the hook's, so
 * `runInRequestContext` can enter it again once the body is parsed and for the error handler. */
export function openRequestContext(req: FastifyRequest, reply: FastifyReply): RequestContext {
  const requestId = req.id;
  const res = reply.raw;
  res.setHeader('X-Request-Id', requestId);
  // The access line's request id (its serializer reads the raw request).
  (req.raw as IncomingMessage & { id?: string }).id = requestId;
  res.setHeader('Cache-Control', 'no-store');
  let cursorScope: string | undefined;
  const ctx: RequestContext = {
    requestId,
    ip: req.ip ?? req.raw.socket?.remoteAddress ?? null,
    method: req.method,
    path: pathOf(req),
    // Only lists read it: worked out on first use, not on every request.
    get cursorScope() {
      return (cursorScope ??= cursorScopeOf(req.method, req.originalUrl ?? req.url));
    },
  };
  (req as WithContext)[CONTEXT] = ctx;
  return ctx;
}

/** The context `openRequestContext` gave this request, if any. */
export function contextOfRequest(req: unknown): RequestContext | undefined {
  return (req as WithContext | undefined)?.[CONTEXT];
}

/** Runs `fn` inside the request's own context (directly when it is already the active one). */
export function runInRequestContext<T>(req: unknown, fn: () => T): T {
  const ctx = contextOfRequest(req);
  if (!ctx || storage.getStore() === ctx) return fn();
  return storage.run(ctx, fn);
}

/** Runs `fn` inside an existing request's context (work finished after the response). */
export function runInContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}
