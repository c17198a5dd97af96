/**
 * Pure helpers of the evaluation extract (docs/evaluation-extract.md): keyed pseudonyms, age
 * bands, small-cell suppression and typed CSV. No Nest, no database.
 */
import { createHmac } from 'node:crypto';
import { csvCell } from 'src/audit/csv';

/** A pseudonym for `id` of `kind` under the extract's key: HMAC-SHA-256, 20 base64url chars.
 * Stable within one extract (same key), unlinkable across extracts (a fresh key each). */
export function pseudonym(key: Buffer, kind: string, id: string): string {
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('base64url').slice(0, 20);
}

export const AGE_BANDS = ['under_1', '1_4', '5_9', '10_15', '16_17', '18_plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age in whole years on `on` of someone born on `dob` (ISO dates), as a band. */
export function ageBand(dob: string | null, on: string): AgeBand {
  if (!dob) return 'unknown';
  const [y1, m1, d1] = dob.split('-').map(Number);
  const [y2, m2, d2] = on.split('-').map(Number);
  let age = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) age -= 1;
  if (age < 0) return 'unknown';
  if (age < 1) return 'under_1';
  if (age <= 4) return '1_4';
  if (age <= 9) return '5_9';
  if (age <= 15) return '10_15';
  if (age <= 17) return '16_17';
  return '18_plus';
}

/** Cells below this are suppressed in aggregate tables. */
export const SMALL_CELL = 5;

/** A count as published: null (suppressed) when 0 < n < SMALL_CELL. */
export function suppress(n: number): number | null {
  return n > 0 && n < SMALL_CELL ? null : n;
}

export type ColumnType = 'string' | 'integer' | 'boolean';
export interface Column {
  name: string;
  type: ColumnType;
}

/** CSV with a header row; integers and booleans written bare (`true`/`false`), strings through
 * the spreadsheet-safe cell writer, null as an empty cell. */
export function toCsv(
  columns: readonly Column[],
  rows: readonly Record<string, unknown>[],
): string {
  const line = (cells: string[]) => cells.join(',') + '\r\n';
  let out = line(columns.map((c) => csvCell(c.name)));
  for (const row of rows) {
    out += line(
      columns.map((c) => {
        const v = row[c.name];
        if (v === null || v === undefined) return '';
        if (c.type === 'integer') return String(Math.trunc(Number(v)));
        if (c.type === 'boolean') return v ? 'true' : 'false';
        return csvCell(String(v));
      }),
    );
  }
  return out;
}
