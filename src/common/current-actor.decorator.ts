import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from 'src/access/actor';

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  if (!req.user) throw new Error('CurrentActor used on a route without authentication');
  return req.user;
});
