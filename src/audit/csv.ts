/**
 * CSV per RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF is quoted and its
 * quotes doubled) with spreadsheet formula-injection protection (OWASP "CSV injection"): a
 * cell that starts with = + - @ (or a tab or CR) is prefixed with a single quote so that a
 * spreadsheet shows it as text instead of running it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined | object;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
