/**
 * Who may do what to a contact (docs/front-door.md "Who sees what"), pure. A contact belongs to
 * no case, so its record-level verdict is its own: the caller's relation to it (facts) and
 * this table. The kind itself is declared in `record-kinds.ts`.
 */
import type { Actor } from 'src/access/actor';
import type { Permission } from 'src/access/permissions';

/** How the caller relates to one contact (loaded by `ContactRepository.facts`). */
export interface ContactFacts {
  /** The contact is in the caller's local authority. */
  sameLa: boolean;
  /** The caller is a member of a `front_door` team of the LA. */
  frontDoor: boolean;
  /** The caller is the contact's referrer (a partner or staff user named as referrer). */
  referrer: boolean;
  /** The contact was decided for a strategy discussion or immediate protection (the CP queue). */
  cpQueue: boolean;
}

export type ContactView = 'staff' | 'referrer';
export type ContactVerdict =
  | { verdict: 'allowed'; view: ContactView }
  | { verdict: 'forbidden'; why: string }
  | { verdict: 'not_found' };

const has = (actor: Actor, role: Actor['roles'][number]) =>
  actor.kind === 'user' && actor.roles.includes(role);
const frontDoorStaff = (actor: Actor, f: ContactFacts) =>
  f.frontDoor && (has(actor, 'family_help_practitioner') || has(actor, 'family_help_manager'));

/** Who sees a contact, and as what: front-door staff in full; a cp_manager the contacts sent to
 * child protection; the referrer their own contact's outcome only. Everyone else: 404. */
export function contactView(actor: Actor, f: ContactFacts): ContactView | null {
  if (!f.sameLa) return null;
  if (frontDoorStaff(actor, f)) return 'staff';
  if (has(actor, 'cp_manager') && f.cpQueue) return 'staff';
  if (f.referrer) return 'referrer';
  return null;
}

/** May `actor` do `permission` to this contact? (The role map has already granted it.) */
export function contactVerdict(
  actor: Actor,
  permission: Permission,
  f: ContactFacts,
): ContactVerdict {
  const view = contactView(actor, f);
  if (!view) return { verdict: 'not_found' };
  if (permission === 'contact.read') return { verdict: 'allowed', view };
  if (!frontDoorStaff(actor, f))
    return { verdict: 'forbidden', why: 'Only front-door staff screen and decide contacts' };
  if (permission === 'contact.authorise' && !has(actor, 'family_help_manager'))
    return { verdict: 'forbidden', why: 'A front-door family_help_manager authorises decisions' };
  return { verdict: 'allowed', view };
}

/** Who may key in a contact: a partner (as its referrer) or front-door staff. */
export function mayCreateContact(actor: Actor, frontDoor: boolean): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.roles.includes('partner')) return true;
  return (
    frontDoor &&
    (actor.roles.includes('family_help_practitioner') ||
      actor.roles.includes('family_help_manager'))
  );
}
