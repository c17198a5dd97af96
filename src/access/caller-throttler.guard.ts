import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Actor } from './actor';

/** Rate limit per caller: the authenticated user or client when known, else the client IP.
 * Runs after the PermissionGuard, so the actor is already resolved. One budget per caller
 * across every route (README: "requests per caller per minute"). */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
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
