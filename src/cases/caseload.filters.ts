/**
 * "My caseload" list predicates (`GET /cases?mine=`), kept in one place so they can move onto
 * the access gate's list predicates. They only narrow a list that the visibility predicate
 * (`visibleCaseSql`) has already limited to what the caller may see.
 *
 * - `lead`: cases the caller leads.
 * - `co_working`: cases the caller co-works as an active co-worker (an ECPP).
 * - `team`: cases of the teams the caller belongs to — the Family Help team's cases, and the
 *   cases an active co-worker from the caller's (child-protection) team works on.
 */
import type { Actor } from 'src/access/actor';

export const CASELOADS = ['lead', 'co_working', 'team'] as const;
export type Caseload = (typeof CASELOADS)[number];

/** The WHERE fragment for `mine` over case_record `alias`; pushes its parameters. */
export function caseloadSql(
  mine: Caseload,
  actor: Actor,
  alias: string,
  params: unknown[],
): string {
  params.push(actor.id);
  const me = `$${params.length}::uuid`;
  switch (mine) {
    case 'lead':
      return `${alias}.lead_practitioner_id = ${me}`;
    case 'co_working':
      return `EXISTS (SELECT 1 FROM case_co_worker mw
                       WHERE mw.case_id = ${alias}.id AND mw.user_id = ${me} AND mw.ended_at IS NULL)`;
    case 'team':
      return `(EXISTS (SELECT 1 FROM team_member mt
                        WHERE mt.team_id = ${alias}.team_id AND mt.user_id = ${me})
               OR EXISTS (SELECT 1 FROM case_co_worker mw
                            JOIN team_member mwt ON mwt.user_id = mw.user_id
                            JOIN team_member myt ON myt.team_id = mwt.team_id AND myt.user_id = ${me}
                           WHERE mw.case_id = ${alias}.id AND mw.ended_at IS NULL))`;
  }
}
