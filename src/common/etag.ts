import { preconditionRequired, validationFailed } from './domain-error';

export function etagFor(version: number): string {
  return `"${version}"`;
}

/** Parses `If-Match: "<version>"` (or W/"<version>"); missing → 428, malformed → 400. */
export function requireIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw preconditionRequired();
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!m) throw validationFailed('If-Match', 'If-Match must be an ETag such as "3"');
  return Number(m[1]);
}
