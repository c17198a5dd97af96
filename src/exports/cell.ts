/**
 * Spreadsheet-safe text (OWASP CSV injection): a value starting with = + - @ or a tab/carriage
 * return is prefixed with a single quote so no spreadsheet evaluates it as a formula.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One CSV line (RFC 4180 quoting) of formula-safe cells. */
export function csvLine(values: unknown[]): string {
  return (
    values
      .map((v) => {
        const s = safeCell(v);
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}
