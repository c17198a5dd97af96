import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AuditService } from 'src/audit/audit.service';
import { currentContext } from 'src/common/request-context';
import { DomainError, forbidden, unauthorized } from 'src/common/domain-error';
import type { Actor } from './actor';
import { PERMISSION_KEY } from './can.decorator';
import { denialEntry } from './denial-audit.interceptor';
import { isGranted, Permission } from './permissions';

const JwtAuthGuard = AuthGuard('jwt');

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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!permission) {
      throw new DomainError(403, 'permission_undeclared', 'This route declares no permission');
    }
    if (permission === 'public') return true;
    try {
      await this.jwt.canActivate(context);
    } catch {
      throw unauthorized('A valid bearer token is required');
    }
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const actor = req.user;
    if (!actor) throw unauthorized();
    const ctx = currentContext();
    if (ctx) ctx.actor = actor;
    if (!isGranted(actor, permission)) {
      await this.audit.recordDenial(
        denialEntry(actor, permission, {
          reason: 'role does not grant the permission',
          method: req.method,
          path: req.route?.path ?? req.path,
        }),
      );
      throw forbidden(`Your role does not allow ${permission}`);
    }
    return true;
  }
}
