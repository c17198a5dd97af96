/**
 * "My caseload" list predicates (`GET /cases?mine=`). They only narrow a list that the access
 * gate's filter (`caseFilterSql(actor, 'case.read', …)`) has already limited to what the caller
 * may read.
 *
 * - `lead`: cases the caller leads.
 * - `co_working`: cases the caller co-works as an active co-worker (an ECPP).
 * - `team`: cases of the teams the caller belongs to — the Family Help team's cases, and the
 *   cases an active co-worker from the caller's (child-protection) team works on.
 */
import type { Actor } from 'src/access/actor';
import { CASE_FACT_SQL } from 'src/access/predicates';

export const CASELOADS = ['lead', 'co_working', 'team'] as const;
export type Caseload = (typeof CASELOADS)[number];

/** The WHERE fragment for `mine` over case_record `alias`; pushes its parameters. Built from
 * the access gate's case facts (`CASE_FACT_SQL`: lead, coWorker, teamMember), plus, for `team`,
 * the cases co-worked by a member of one of the caller's teams. */
export function caseloadSql(
  mine: Caseload,
  actor: Actor,
  alias: string,
  params: unknown[],
): string {
  params.push(actor.id);
  const q = { c: alias, me: `$${params.length}::uuid` };
  switch (mine) {
    case 'lead':
      return CASE_FACT_SQL.lead(q);
    case 'co_working':
      return CASE_FACT_SQL.coWorker(q);
    case 'team':
      return `(${CASE_FACT_SQL.teamMember(q)}
               OR EXISTS (SELECT 1 FROM case_co_worker mw
                            JOIN team_member mwt ON mwt.user_id = mw.user_id
                            JOIN team_member myt ON myt.team_id = mwt.team_id AND myt.user_id = ${q.me}
                           WHERE mw.case_id = ${alias}.id AND mw.ended_at IS NULL))`;
  }
}
