/**
 * The record kind of `src/closures` (docs/conferences.md, "Closing a case"): a closure proposal
 * inside a case. Never shared with partners; its author is the proposer. Acting on it uses the
 * case rows `closure.authorise` / `closure.agree` and reading it `case.read`.
 */
import { NO_RECORD_FACTS, type InCaseKind } from 'src/access/record-kind';

export const CLOSURE_PROPOSAL: InCaseKind = {
  name: 'closure_proposal',
  label: 'Closure proposal',
  locate: 'in_case',
  routes: ['/api/v1/closure-proposals/:id'],
  permissions: ['case.read', 'closure.authorise', 'closure.agree'],
  events: ['case.closed'],
  table: 'closure_proposal',
  facts: {
    ...NO_RECORD_FACTS,
    author: (r, me, kind) => `(${r}.proposed_by_id = ${me} AND ${kind} = 'user')`,
  },
  rules: {},
  sharing: false,
};
