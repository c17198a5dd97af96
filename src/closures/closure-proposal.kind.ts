/**
 * The closure proposal as a record kind inside a case: its table and label, for the access
 * gate's facts query (`RECORD_FACT_SQL` in src/access/predicates.ts reads this declaration).
 * Routes naming only the proposal (`/closure-proposals/:id/...`) find its case through it.
 * Partners are never named on it (no shares); its author is the proposer. Its permissions are
 * the case rows `closure.propose` / `closure.authorise` / `closure.agree` and `case.read`
 * (src/access/verdict.ts); its timeline events are `closure_proposed`, `closure_authorised`,
 * `closure_agreed` and the case's `case_closed`.
 *
 * Plain data (no imports), so the gate can read it without a cycle; once the record-kind
 * registry lands this file is the one registration.
 */
export const CLOSURE_PROPOSAL_KIND = {
  kind: 'closure_proposal',
  table: 'closure_proposal',
  label: 'Closure proposal',
  author: (r: string, me: string, kind: string) =>
    `(${r}.proposed_by_id = ${me} AND ${kind} = 'user')`,
  shared: () => 'FALSE',
  ownAgency: () => 'FALSE',
} as const;
