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

/**
 * The ids of the LA's cases with a source of activity at or after `bound` (SQL expressions):
 * a superset of the cases whose activity is at or after it, since the activity is the latest
 * source (truncated to the millisecond, which only lowers it). Three index range scans
 * (`ix_case_record_la_updated`, `ix_case_event_la_at`, `ix_family_la_updated`): the feed computes
 * the activity of these cases only, so a poll for recent changes reads the recent rows, not
 * every case of the LA.
 */
export function activeSinceSql(la: string, bound: string): string {
  return `(SELECT sr.id FROM case_record sr
            WHERE sr.local_authority_id = ${la} AND sr.updated_at >= ${bound}
           UNION
           SELECT se.case_id FROM case_event se
            WHERE se.local_authority_id = ${la} AND se.at >= ${bound}
           UNION
           SELECT sc.id FROM family sf JOIN case_record sc ON sc.family_id = sf.id
            WHERE sf.local_authority_id = ${la} AND sf.updated_at >= ${bound})`;
}
