/**
 * An example an integrator copies from openapi.json must be accepted by the live API today: the
 * API refuses dates of what happened in the future, so no example may carry a date after the
 * real current date. This test reads the REAL clock (not TANDEM_TODAY, which the other tests pin):
 * it guards the published document against the calendar, not the server's behaviour.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const doc: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));

const DATE = /\b(\d{4}-\d{2}-\d{2})(T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?/g;

/** Every date (or date-time) written inside an `example` / `examples` value, with its JSON path. */
function exampleDates(node: unknown, path = '', inExample = false): [string, string][] {
  if (typeof node === 'string')
    return inExample ? [...node.matchAll(DATE)].map((m) => [path, m[0]] as [string, string]) : [];
  if (Array.isArray(node))
    return node.flatMap((v, i) => exampleDates(v, `${path}/${i}`, inExample));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) =>
      exampleDates(v, `${path}/${k}`, inExample || k === 'example' || k === 'examples'),
    );
  return [];
}

/** The instant a written date stands for: a calendar date is its whole day (UTC midnight). */
function instantOf(written: string): number {
  return Date.parse(written.length === 10 ? `${written}T00:00:00Z` : written);
}

describe('openapi.json examples are dated in the past (real clock)', () => {
  const dates = exampleDates(doc);

  it('finds the dated examples it guards', () => {
    // Request bodies and response fields carry dates (referrals, decisions, reviews…).
    expect(dates.length).toBeGreaterThan(50);
    expect(dates.some(([p]) => p.includes('/requestBody/'))).toBe(true);
    expect(dates.some(([p]) => p.startsWith('/components/schemas/'))).toBe(true);
  });

  it('no example date is after the real current date', () => {
    const now = Date.now(); // deliberately the real clock, not TANDEM_TODAY
    const future = dates.filter(([, d]) => instantOf(d) > now).map(([p, d]) => `${p}: ${d}`);
    expect(future).toEqual([]);
  });

  it('reads dates the way it claims (a calendar date, a date-time, inside examples only)', () => {
    const sample = {
      description: 'due 2999-01-01',
      example: { on: '2000-02-03', at: ['2001-01-01T10:00:00Z'] },
      nested: { examples: { one: { value: 'x 2002-03-04 y' } } },
    };
    expect(exampleDates(sample)).toEqual([
      ['/example/on', '2000-02-03'],
      ['/example/at/0', '2001-01-01T10:00:00Z'],
      ['/nested/examples/one/value', '2002-03-04'],
    ]);
    expect(instantOf('2000-02-03')).toBe(Date.UTC(2000, 1, 3));
  });
});
