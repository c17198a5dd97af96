import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from './actor';

/** Rate limit per caller: the authenticated user or client when known, else the client IP.
 * Runs after the PermissionGuard, so the actor is already resolved. One budget per caller
 * across every route (README: "requests per caller per minute"). */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  @Inject(AuditService) private readonly audit!: AuditService;

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
