/** The record kinds of `src/front-door`: a contact (docs/front-door.md). */
import type { TenantKind } from 'src/common/record-kind';

/**
 * A contact: a record of one LA outside any case until it is decided. Its children are the
 * persons its children were matched to. Partners are never named on it (no shares): the
 * referrer sees their own contact by being its referrer (`contact-access.ts`).
 */
export const CONTACT: TenantKind = {
  name: 'contact',
  label: 'Contact',
  locate: 'tenant',
  routes: ['/api/v1/contacts/:id'],
  permissions: ['contact.read', 'contact.screen', 'contact.authorise'],
  events: ['contact.received', 'contact.decided'],
  trainingEvents: ['contact', 'contact_decision', 'contact_authorisation', 'contact_feedback'],
  table: 'contact',
  laColumn: 'local_authority_id',
  children: (r) =>
    `ARRAY(SELECT k.person_id FROM contact_child k WHERE k.contact_id = ${r}.id AND k.person_id IS NOT NULL)`,
};
