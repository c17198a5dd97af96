/**
 * The record kinds of `src/family-view` (docs/family-view.md): a family-access grant, a family
 * summary, and a decision as the target of an explanation written for the family. Each is
 * judged on its case with the case's rows; none is ever shared with a partner by name.
 */
import { NO_RECORD_FACTS, type InCaseKind } from 'src/common/record-kind';

export const FAMILY_ACCESS_GRANT: InCaseKind = {
  name: 'family_access_grant',
  label: 'Family access',
  locate: 'in_case',
  routes: ['/api/v1/family-access/:id'],
  permissions: ['family_access.approve', 'family_access.manage'],
  table: 'family_access_grant',
  facts: NO_RECORD_FACTS,
  rules: {},
  sharing: false,
};

/** A family summary; a family member reads a published one at `/me/family/plans/:id`. */
export const FAMILY_SUMMARY: InCaseKind = {
  name: 'family_summary',
  label: 'Family summary',
  locate: 'in_case',
  routes: ['/api/v1/family-summaries/:id', '/api/v1/me/family/plans/:id'],
  permissions: ['family_summary.write', 'family_view.read'],
  events: ['family_response.recorded'],
  table: 'family_summary',
  facts: NO_RECORD_FACTS,
  rules: {},
  sharing: false,
};

/** A key decision addressed by its own id (its explanations for the family). */
export const DECISION: InCaseKind = {
  name: 'decision',
  label: 'Decision',
  locate: 'in_case',
  routes: ['/api/v1/decisions/:id'],
  permissions: ['family_summary.write'],
  table: 'decision',
  children: (r) => `${r}.child_ids`,
  facts: NO_RECORD_FACTS,
  rules: {},
  sharing: false,
};

export const FAMILY_VIEW_RECORD_KINDS = [FAMILY_ACCESS_GRANT, FAMILY_SUMMARY, DECISION] as const;
