/**
 * When a case last changed, as an integrator sees it: the latest of the case row itself, every
 * entry on its timeline (`case_event`: notes, decisions, plans, meetings, visits, concerns,
 * co-workers, documents, closures… — every write to the case or one of its records appends one,
 * in the same transaction) and its family (members edited). `GET /cases?updatedSince=` pages on
 * it, ascending; each case response carries it as `lastActivityAt`.
 *
 * Evaluated per case over the indexes (`ix_case_event_case_at` gives the latest entry by an index
 * lookup), so nothing is maintained on write: no write path takes a lock on the case row for it.
 * Truncated to the millisecond the API shows, so `updatedSince=<the lastActivityAt you saw>`
 * compares exactly that value (a case is not listed again for the microseconds JSON drops).
 */
export function caseActivitySql(c: string): string {
  return `date_trunc('milliseconds', GREATEST(${c}.updated_at,
           (SELECT max(ae.at) FROM case_event ae WHERE ae.case_id = ${c}.id),
           (SELECT af.updated_at FROM family af WHERE af.id = ${c}.family_id)))`;
}
