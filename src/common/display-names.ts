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

/** The name ("first last") of person `id` within local authority `la`. */
export function personNameSql(id: string, la: string): string {
  return `(SELECT dnp.first_name || ' ' || dnp.last_name FROM person dnp
            WHERE dnp.id = ${id} AND dnp.local_authority_id = ${la})`;
}

/** The name of the person behind family network member `id` within local authority `la`. */
export function networkMemberNameSql(id: string, la: string): string {
  return `(SELECT dnnp.first_name || ' ' || dnnp.last_name FROM family_network_member dnn
             JOIN person dnnp ON dnnp.id = dnn.person_id AND dnnp.local_authority_id = dnn.local_authority_id
            WHERE dnn.id = ${id} AND dnn.local_authority_id = ${la})`;
}

/**
 * `[{ id, name }]` (jsonb, in the array's order) for the ids in the jsonb array `ids`, each named
 * by `nameOf` (one of the fragments above, given the id as uuid); an id without a name gives
 * `name: null`.
 */
export function namedIdsSql(ids: string, nameOf: (id: string) => string): string {
  return `(SELECT COALESCE(jsonb_agg(jsonb_build_object('id', dni.id, 'name', ${nameOf('dni.id::uuid')})
                                     ORDER BY dni.ord), '[]'::jsonb)
             FROM jsonb_array_elements_text(${ids}) WITH ORDINALITY dni(id, ord))`;
}
