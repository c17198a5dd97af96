import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Actor } from './actor';

/** Rate limit per caller: the authenticated user or client when known, else the client IP.
 * Runs after the PermissionGuard, so the actor is already resolved. */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.user as Actor | undefined;
    return actor ? `${actor.kind}:${actor.id}` : `ip:${String(req.ip)}`;
  }
}
