/**
 * A multi-agency child protection team's composition (pure): it is `constituted` when each core
 * statutory role (social worker, police, health, education) has a current member, else
 * `incomplete`, naming what is missing.
 */
import { CORE_STATUTORY_ROLES, type StatutoryRole } from 'src/access/roles';

export interface MacptStatus {
  status: 'constituted' | 'incomplete';
  missing: StatutoryRole[];
}

export function macptStatus(
  members: readonly { statutoryRole: StatutoryRole | null }[],
): MacptStatus {
  const held = new Set(members.map((m) => m.statutoryRole));
  const missing = CORE_STATUTORY_ROLES.filter((r) => !held.has(r));
  return { status: missing.length ? 'incomplete' : 'constituted', missing };
}
