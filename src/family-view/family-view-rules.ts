/**
 * The family's own view, as pure rules (docs/family-view.md): who approves a grant, which
 * status changes are allowed, which family summary a family member sees, and what of another
 * person's details is withheld from them. Plain functions over plain data.
 */
export const FAMILY_PLAN_TYPES = [
  'family_help_plan',
  'cp_plan',
  'family_network_plan',
  'community_safety_plan',
] as const;
export type FamilyPlanType = (typeof FAMILY_PLAN_TYPES)[number];

/** Local timescale for publishing a family summary: working days after the plan version came
 * into force (its start, agreement or creation). */
export const SUMMARY_WORKING_DAYS = 10;

export const GRANT_STATUSES = ['proposed', 'active', 'suspended', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const REDACTABLE_FIELDS = [
  'lastName',
  'dateOfBirth',
  'address',
  'contact',
  'relationship',
] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

/** Stages in which the accountable ECPP approves a grant (else a family_help_manager). */
const ECPP_STAGES = ['child_protection', 'pre_proceedings', 'care_proceedings'];

/** Who approves a grant on a case in `stage`. */
export function grantApprover(stage: string): 'ecpp' | 'family_help_manager' {
  return ECPP_STAGES.includes(stage) ? 'ecpp' : 'family_help_manager';
}

export type GrantAction = 'approve' | 'suspend' | 'revoke' | 'reinstate';

/** The status a grant moves to, or null when `action` is not allowed from `from`. */
export function nextGrantStatus(from: GrantStatus, action: GrantAction): GrantStatus | null {
  switch (action) {
    case 'approve':
      return from === 'proposed' ? 'active' : null;
    case 'suspend':
      return from === 'active' ? 'suspended' : null;
    case 'reinstate':
      return from === 'suspended' ? 'active' : null;
    case 'revoke':
      return from === 'revoked' ? null : 'revoked';
  }
}

export interface SummaryRow {
  id: string;
  planType: FamilyPlanType;
  planId: string;
  planVersion: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
}

/**
 * What a family member sees: for each plan in their grant's scopes, the latest published summary
 * of the plan's version in force (`current`: plan id → agreed version). A plan whose version in
 * force has no published summary shows nothing — a new version hides the old summary until its
 * own is published.
 */
export function visibleSummaries<T extends SummaryRow>(
  summaries: readonly T[],
  scopes: readonly FamilyPlanType[],
  current: ReadonlyMap<string, number>,
): T[] {
  const best = new Map<string, T>();
  for (const s of summaries) {
    if (s.status !== 'published' || !scopes.includes(s.planType)) continue;
    if (current.get(s.planId) !== s.planVersion) continue;
    const kept = best.get(s.planId);
    if (!kept || (kept.publishedAt ?? '') < (s.publishedAt ?? '')) best.set(s.planId, s);
  }
  return [...best.values()].sort((a, b) => a.planType.localeCompare(b.planType));
}

export interface PersonView {
  id: string;
  firstName: string;
  lastName: string | null;
  dateOfBirth: string | null;
  relationship: string | null;
  kind: string;
  /** Network members' details (null for the family's own members). */
  address: string | null;
  contact: { phone?: string; email?: string } | null;
}

/** `person` as `viewerId` may see it: fields withheld from the viewer are left out (null). */
export function redactFor(
  person: PersonView,
  redaction: { withheldFrom: readonly string[]; fields: readonly RedactableField[] } | undefined,
  viewerId: string,
): PersonView {
  if (!redaction || person.id === viewerId || !redaction.withheldFrom.includes(viewerId))
    return person;
  const out = { ...person };
  for (const f of redaction.fields) out[f] = null;
  return out;
}
