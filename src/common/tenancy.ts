import type { Actor } from 'src/access/actor';
import { notFound } from './domain-error';

/** The local authority the actor works in; the platform admin must name one explicitly. */
export function actorLa(actor: Actor): string {
  if (!actor.localAuthorityId) throw notFound('Local authority');
  return actor.localAuthorityId;
}

/** An LA-scoped actor may only touch its own LA; the platform admin any. Else 404. */
export function assertSameLa(
  actor: Actor,
  localAuthorityId: string | null | undefined,
  what = 'Resource',
): void {
  if (actor.roles.includes('platform_admin') && actor.localAuthorityId === null) return;
  if (!localAuthorityId || actor.localAuthorityId !== localAuthorityId) throw notFound(what);
}
