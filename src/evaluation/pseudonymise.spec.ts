import { randomBytes } from 'node:crypto';
import { ageBand, pseudonym, suppress, toCsv } from './pseudonymise';

describe('evaluation extract helpers', () => {
  it('pseudonyms are stable under one key and differ under another, and never contain the id', () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const id = '0b6f3c1e-2c52-4d4e-9d6a-1f2b3c4d5e6f';
    expect(pseudonym(k1, 'child', id)).toBe(pseudonym(k1, 'child', id));
    expect(pseudonym(k1, 'child', id)).not.toBe(pseudonym(k2, 'child', id));
    expect(pseudonym(k1, 'child', id)).not.toBe(pseudonym(k1, 'case', id));
    expect(pseudonym(k1, 'child', id)).toHaveLength(20);
    expect(pseudonym(k1, 'child', id)).not.toContain(id.slice(0, 8));
  });

  it.each([
    [null, 'unknown'],
    ['2027-01-02', 'unknown'],
    ['2026-06-01', 'under_1'],
    ['2026-01-01', '1_4'],
    ['2022-01-02', '1_4'],
    ['2022-01-01', '5_9'],
    ['2017-01-01', '10_15'],
    ['2011-01-02', '10_15'],
    ['2011-01-01', '16_17'],
    ['2009-01-01', '18_plus'],
  ] as const)('born %s: age band on 2027-01-01 is %s', (dob, band) => {
    expect(ageBand(dob, '2027-01-01')).toBe(band);
  });

  it.each([
    [0, 0],
    [1, null],
    [4, null],
    [5, 5],
    [12, 12],
  ])('a cell of %i is published as %p', (n, out) => {
    expect(suppress(n)).toBe(out);
  });

  it('typed CSV: bare integers (negative too) and booleans, safe strings, empty nulls', () => {
    const csv = toCsv(
      [
        { name: 'a', type: 'string' },
        { name: 'n', type: 'integer' },
        { name: 'b', type: 'boolean' },
      ],
      [
        { a: '=cmd', n: -3, b: true },
        { a: 'x,y', n: null, b: false },
      ],
    );
    expect(csv).toBe(`a,n,b\r\n'=cmd,-3,true\r\n"x,y",,false\r\n`);
  });
});
