import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { routeOf, type HttpRequest as Request } from 'src/common/http';
import { AuditService } from 'src/audit/audit.service';
import { JwtAuthGuard, TokenRejected, tokenRejectedEvent } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { dbErrorCode, isDatabaseUnavailable } from 'src/common/db-errors';
import { currentContext } from 'src/common/request-context';
import { DomainError, forbidden, notFound, unauthorized } from 'src/common/domain-error';
import type { Actor } from 'src/access/actor';
import { PERMISSION_KEY } from 'src/common/can.decorator';
import { perRoute } from 'src/common/per-route';
import { denialEntry } from 'src/common/denial-audit';
import { isGranted, Permission } from 'src/access/permissions';
import { isPartnerOnly } from 'src/access/verdict-scopes';

/**
 * The single global guard: a route with no declared permission is refused (fail closed);
 * otherwise the bearer token is verified (passport-jwt) and the role/scope checked.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly jwt = new JwtAuthGuard();

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly tokens: JwtStrategy,
  ) {}

  /** Each route's declared permission (`null`: none declared). */
  private readonly permissionOf = perRoute(
    (context) =>
      this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? null,
  );

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.permissionOf(context);
    if (!permission) {
      throw new DomainError(403, 'permission_undeclared', 'This route declares no permission');
    }
    if (permission === 'public') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    try {
      // A token verified before skips passport (its account is still checked); else passport.
      const verified = this.tokens.callerOfVerified(req);
      if (verified) req.user = await verified;
      else await this.jwt.canActivate(context);
    } catch (err) {
      // Re-reading the caller failed because the database is down: 503, not "sign in again".
      if (isDatabaseUnavailable(err) || dbErrorCode(err) === '57014') throw err;
      // A forged, expired or revoked token is a security event (written without waiting).
      const event = err instanceof TokenRejected ? tokenRejectedEvent(req, err.reason) : null;
      if (event) void this.audit.recordDetached(event);
      throw unauthorized('A valid bearer token is required');
    }
    const actor = req.user;
    if (!actor) throw unauthorized();
    const ctx = currentContext();
    if (ctx) ctx.actor = actor;
    // A family member's only window is the family view (and who they are): to them every other
    // route does not exist, so even an `authenticated` one is a 404 (docs/family-view.md).
    const familyOnly = isFamilyMemberOnly(actor);
    if (familyOnly && permission === 'authenticated' && routeOf(req) !== '/api/v1/auth/me')
      throw notFound();
    if (!isGranted(actor, permission)) {
      // With the record the route names (its LA and children looked up after the response).
      const path: string = routeOf(req);
      await this.audit.recordDenial(
        denialEntry(actor, permission, {
          reason: 'role does not grant the permission',
          method: req.method,
          path,
        }),
        { route: { template: path, params: req.params as Record<string, string> } },
      );
      // A partner agency user sees only what was shared with them by name; to them nothing
      // else exists (docs/domain.md, "What a partner user sees"), so the refusal is a 404.
      if (isPartnerOnly(actor) || familyOnly) throw notFound();
      throw forbidden(`Your role does not allow ${permission}`);
    }
    return true;
  }
}

function isFamilyMemberOnly(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.length === 1 && actor.roles[0] === 'family_member';
}
