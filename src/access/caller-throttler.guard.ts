import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
  type ThrottlerLimitDetail,
} from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import { AuditService } from 'src/audit/audit.service';
import { perRoute } from 'src/common/per-route';
import type { Actor } from './actor';

/** Rate limit per caller: the authenticated user or client when known, else the client IP.
 * Runs after the PermissionGuard, so the actor is already resolved. One budget per caller
 * across every route (README: "requests per caller per minute"). */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  @Inject(AuditService) private readonly audit!: AuditService;
  /** Per route: whether the plain path below applies. */
  private readonly plain = perRoute((context) => this.isPlain(context));

  /**
   * Tandem's one budget ("caller": a fixed limit per minute, no route with throttler decorators)
   * counted without @nestjs/throttler's general path, which on every request reads six decorator
   * keys per throttler from the route and its controller and resolves each value through its
   * own await. The count itself, its headers and the refusal are the library's own
   * (`handleRequest`). A route or configuration that uses anything else (decorators, a value
   * computed per request, skipIf, ignored user agents) takes the library's path unchanged.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.plain(context)) return super.canActivate(context);
    const t = this.throttlers[0];
    const ttl = t.ttl as number;
    return this.handleRequest({
      context,
      limit: t.limit as number,
      ttl,
      throttler: t,
      blockDuration: (t.blockDuration as number | undefined) ?? ttl,
      getTracker: this.commonOptions.getTracker as ThrottlerGetTrackerFunction,
      generateKey: this.commonOptions.generateKey as ThrottlerGenerateKeyFunction,
    });
  }

  private isPlain(context: ExecutionContext): boolean {
    if (this.throttlers.length !== 1) return false;
    const t = this.throttlers[0];
    const common = this.commonOptions;
    if (typeof t.limit !== 'number' || typeof t.ttl !== 'number') return false;
    if (t.blockDuration !== undefined && typeof t.blockDuration !== 'number') return false;
    if (t.skipIf || common.skipIf || t.ignoreUserAgents || common.ignoreUserAgents) return false;
    if (t.getTracker || t.generateKey || (t.setHeaders ?? common.setHeaders) === false)
      return false;
    const on = [context.getHandler(), context.getClass()];
    return [
      THROTTLER_SKIP,
      THROTTLER_LIMIT,
      THROTTLER_TTL,
      THROTTLER_BLOCK_DURATION,
      THROTTLER_TRACKER,
      THROTTLER_KEY_GENERATOR,
    ].every((k) => this.reflector.getAllAndOverride(k + String(t.name), on) === undefined);
  }

  /**
   * A 429 is an `auth.throttled` security event (scope `caller`) for platform admins: the
   * first refusal of each window per caller (a storm of refused requests writes one row),
   * written without the answer waiting.
   */
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    if (detail.totalHits === detail.limit + 1) {
      const req = context.switchToHttp().getRequest<Record<string, unknown>>();
      const actor = req.user as Actor | undefined;
      void this.audit.recordDetached({
        action: 'auth.throttled',
        outcome: 'denied',
        actor: actor ?? null,
        localAuthorityId: actor?.localAuthorityId ?? null,
        recordType: actor ? (actor.kind === 'client' ? 'api_client' : 'user') : undefined,
        recordId: actor?.id ?? null,
        metadata: {
          scope: 'caller',
          limit: detail.limit,
          retryAfterSeconds: Math.ceil(detail.timeToExpire),
        },
      });
    }
    return super.throwThrottlingException(context, detail);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.user as Actor | undefined;
    return actor ? `${actor.kind}:${actor.id}` : `ip:${String(req.ip)}`;
  }

  /** The counter's key: the throttler and the caller. @nestjs/throttler's default adds the
   * controller and handler names (a separate budget on every route, so a caller spreading
   * requests over routes got many times the documented limit) and a SHA-256 per request. */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }
}
