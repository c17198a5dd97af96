/**
 * Display names for the ids a list carries, so a screen can show "raised by Sam Patel" without a
 * second call per row (docs/integrators.md, "Names"). SQL fragments for a query that is already
 * limited to what the caller may read: a name is resolved only inside the row's own local
 * authority (`la`), so a name never crosses a tenancy boundary; an id that is not a user or API
 * client of that LA (or a deleted one) gives null.
 */

/** The name of the user or API client `id` (an actor, author or owner), within local authority `la`. */
export function actorNameSql(id: string, la: string): string {
  return `COALESCE((SELECT dnu.name FROM app_user dnu
                     WHERE dnu.id = ${id} AND dnu.local_authority_id = ${la}),
                   (SELECT dnc.name FROM api_client dnc
                     WHERE dnc.id = ${id} AND dnc.local_authority_id = ${la}))`;
}

/** The name of team `id` within local authority `la`. */
export function teamNameSql(id: string, la: string): string {
  return `(SELECT dnt.name FROM team dnt WHERE dnt.id = ${id} AND dnt.local_authority_id = ${la})`;
}
