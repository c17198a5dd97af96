/** The record kinds of `src/families`: a family and a person (a child's routes name the
 * person). */
import type { FamilyKind, TenantKind } from 'src/common/record-kind';

export const FAMILY: FamilyKind = {
  name: 'family',
  label: 'Family',
  locate: 'family',
  routes: ['/api/v1/families/:id'],
  permissions: ['family.read', 'family.update'],
  /** An adult's parental responsibility is recorded on the family's routes. */
  trainingEvents: ['parental_responsibility'],
};

/** A person; a child's access report and case list are addressed by the child. */
export const PERSON: TenantKind = {
  name: 'person',
  label: 'Child',
  locate: 'tenant',
  routes: ['/api/v1/children/:personId', '/api/v1/persons/:id'],
  permissions: ['case.read', 'audit.read', 'family.read', 'family.update'],
  table: 'person',
  laColumn: 'local_authority_id',
  children: (r) => `CASE WHEN ${r}.kind = 'child' THEN ARRAY[${r}.id] ELSE '{}'::uuid[] END`,
};

export const FAMILIES_RECORD_KINDS = [FAMILY, PERSON] as const;
