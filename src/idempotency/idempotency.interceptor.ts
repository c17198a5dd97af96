import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { routeOf, type HttpReply as Response, type HttpRequest as Request } from 'src/common/http';
import { from, Observable, throwError } from 'rxjs';
import { catchError, map, mergeMap } from 'rxjs/operators';
import type { Actor } from 'src/access/actor';
import { PERMISSION_KEY } from 'src/common/can.decorator';
import { AuditedDenial } from 'src/common/denial-audit';
import type { Permission } from 'src/access/permissions';
import { AuditService } from 'src/audit/audit.service';
import { conflict, DomainError, validationFailed } from 'src/common/domain-error';
import { PROBLEM_CONTENT_TYPE, toProblem } from 'src/common/problem.filter';
import { currentContext } from 'src/common/request-context';
import { IdempotencyService, requestHash, StoredResponse } from './idempotency.service';
import { ReplayAccess } from './replay-access';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const MAX_KEY_LENGTH = 255;
const KEY = /^[\x20-\x7e]+$/;
/** Response headers replayed with the body. */
const KEPT_HEADERS = ['etag', 'location'];
/** Never kept at rest: a replay shows these as "[redacted]" (a secret is shown once). */
const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'secret',
  'clientSecret',
  'client_secret',
  'accessToken',
  'access_token',
  'refreshToken',
  'token',
]);

/** The body as the client received it (Dates as ISO strings, toJSON applied). */
function asJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k) ? '[redacted]' : redactSecrets(v),
      ]),
    );
  }
  return value;
}

/**
 * `Idempotency-Key` on authenticated POSTs (docs/integrators.md): the first final response (< 500) is kept
 * per (caller, key) and replayed for a retry with the same request (`Idempotent-Replayed: true`);
 * the same key with another request is a 422, and while the first is still running a 409. A 5xx
 * keeps nothing, so the retry runs again. Public POSTs (login, token) are left alone.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyService,
    private readonly reflector: Reflector,
    private readonly replayAccess: ReplayAccess,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || key === undefined || !this.isAuthenticated(context, req.user)) {
      return next.handle();
    }
    if (typeof key !== 'string' || !key.length || key.length > MAX_KEY_LENGTH || !KEY.test(key)) {
      throw validationFailed(
        'Idempotency-Key',
        `must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters`,
      );
    }
    const actor = req.user as Actor;
    // An upload's file is not in req.body: its digest (left by DocumentUploadGuard) is hashed too.
    const extra = (req as { idempotencyExtra?: Record<string, string> }).idempotencyExtra;
    const hash = requestHash(
      req.method,
      req.originalUrl,
      extra ? { body: req.body as unknown, ...extra } : req.body,
    );
    return from(this.store.begin(actor.id, actor.localAuthorityId, key, hash)).pipe(
      mergeMap((outcome) => {
        switch (outcome.kind) {
          case 'mismatch':
            throw new DomainError(
              422,
              'idempotency_key_reused',
              'This Idempotency-Key was already used for a different request',
            );
          case 'in_flight':
            res.header('Retry-After', '1');
            throw conflict(
              'idempotency_in_flight',
              'A request with this Idempotency-Key is still being processed; retry shortly',
            );
          case 'replay':
            // Access may have ended since: ask again before showing the kept answer.
            return from(this.recheck(context, req, actor)).pipe(
              map(() => this.replay(res, outcome.response)),
            );
          default:
            return this.runFirst(req, res, actor.id, key, next);
        }
      }),
    );
  }

  private async recheck(context: ExecutionContext, req: Request, actor: Actor): Promise<void> {
    const permission = this.reflector.getAllAndOverride<Permission>(PERMISSION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    try {
      await this.replayAccess.recheck(
        actor,
        permission,
        routeOf(req),
        req.params as Record<string, string>,
      );
    } catch (err) {
      if (!(err instanceof AuditedDenial)) throw err;
      // Audited here (interceptor order is not guaranteed), then thrown as a plain refusal.
      await this.audit.recordDenial(
        {
          ...err.audit,
          metadata: {
            ...err.audit.metadata,
            method: req.method,
            path: routeOf(req),
            replay: true,
          },
        },
        err.lookup,
      );
      throw new DomainError(err.status, err.code, err.message, err.errors, err.extra);
    }
  }

  /** Public routes (login, token) put something else in req.user: they are left alone. */
  private isAuthenticated(context: ExecutionContext, user: Actor | undefined): boolean {
    const permission = this.reflector.getAllAndOverride<string | undefined>(PERMISSION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return (
      permission !== 'public' &&
      !!user &&
      (user.kind === 'user' || user.kind === 'client') &&
      typeof user.id === 'string'
    );
  }

  private runFirst(
    req: Request,
    res: Response,
    callerId: string,
    key: string,
    next: CallHandler,
  ): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.finish(callerId, key, {
          status: res.statusCode,
          body: redactSecrets(asJson(body)),
          headers: keptHeaders(res),
        });
        return body;
      }),
      catchError((err: unknown) => {
        const problem = toProblem(err);
        const done =
          problem.status < 500
            ? this.finish(callerId, key, {
                status: problem.status,
                body: {
                  ...problem,
                  instance: req.originalUrl.split('?')[0],
                  requestId: currentContext()?.requestId,
                },
                headers: {},
              })
            : this.release(callerId, key);
        return from(done).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }

  /** Sends the kept response. Nest re-applies the route's default status when it replies, so
   * the replayed status is pinned on this response object. */
  private replay(res: Response, stored: StoredResponse): unknown {
    for (const [name, value] of Object.entries(stored.headers)) res.header(name, value);
    res.header(REPLAYED_HEADER, 'true');
    if (stored.status >= 400) res.header('Content-Type', PROBLEM_CONTENT_TYPE);
    res.status(stored.status);
    res.status = res.code = () => res;
    return stored.body ?? undefined;
  }

  /** Keeping the response must never turn a committed write into an error for the caller:
   * if it fails the key stays in flight (409 on retry) until it expires. */
  private async finish(callerId: string, key: string, response: StoredResponse): Promise<void> {
    try {
      await this.store.complete(callerId, key, response);
    } catch (err) {
      this.logger.error(`could not keep the response for an idempotency key: ${String(err)}`);
    }
  }

  private async release(callerId: string, key: string): Promise<void> {
    try {
      await this.store.release(callerId, key);
    } catch (err) {
      this.logger.error(`could not release an idempotency key: ${String(err)}`);
    }
  }
}

function keptHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = res.getHeader(name);
    if (v !== undefined) out[name] = String(v);
  }
  return out;
}
