import type { EntityManager } from 'typeorm';

/** Runs an UPDATE/DELETE … RETURNING and gives back the returned rows (TypeORM's postgres
 * driver wraps those as [rows, rowCount]). */
export async function writeReturning<T>(
  m: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const raw: unknown = await m.query(sql, params);
  if (
    Array.isArray(raw) &&
    raw.length === 2 &&
    Array.isArray(raw[0]) &&
    typeof raw[1] === 'number'
  ) {
    return raw[0] as T[];
  }
  return raw as T[];
}

/**
 * Optimistic concurrency done right: `UPDATE … WHERE id = $1 AND version = $2` (TypeORM's
 * @VersionColumn does not check). Returns true when the row was updated; false on a stale version.
 */
export async function updateVersioned(
  m: EntityManager,
  table: string,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  const cols = Object.keys(set);
  const assignments = cols.map((c, i) => `"${c}" = $${i + 3}`);
  // Nothing to change (e.g. PATCH {}): still checks the version, but does not bump it.
  assignments.push(cols.length ? 'version = version + 1' : 'version = version');
  const rows = await writeReturning<{ id: string }>(
    m,
    `UPDATE "${table}" SET ${assignments.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, ...cols.map((c) => set[c])],
  );
  return rows.length === 1;
}

/** A timestamp column as the API writes it: ISO 8601 in UTC with milliseconds, formatted by
 * Postgres (no `Date` parsed and re-serialised per row). */
export function isoTimestampSql(col: string): string {
  return `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
