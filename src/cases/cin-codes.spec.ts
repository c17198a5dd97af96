import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ASSESSMENT_FACTOR_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  PRIMARY_NEED_CODES,
  REFERRAL_SOURCES,
  UPN_UNKNOWN_REASON_CODES,
} from './cin-codes';

/** The census data migration keeps its own copy of the code lists (migrations are history). */
const MIGRATION = readFileSync(
  join(__dirname, '..', '..', 'migrations', '1797100000001-CensusData.ts'),
  'utf8',
);
const listIn = (name: string) =>
  [
    ...(new RegExp(`const ${name} = \`([^\`]*)\``).exec(MIGRATION)?.[1] ?? '').matchAll(
      /'([^']+)'/g,
    ),
  ].map((m) => m[1]);

describe('CIN census code lists', () => {
  it.each([
    ['ETHNICITIES', ETHNICITY_CODES],
    ['DISABILITIES', DISABILITY_CODES],
    ['UPN_REASONS', UPN_UNKNOWN_REASON_CODES],
    ['FACTORS', ASSESSMENT_FACTOR_CODES],
    ['NEEDS', PRIMARY_NEED_CODES],
  ])('the migration’s %s constraint allows exactly the application’s codes', (name, codes) => {
    expect(listIn(name)).toEqual([...codes]);
  });

  it('20 ethnicity codes; referral sources 1A-1D labelled as the DfE lists them', () => {
    expect(ETHNICITY_CODES).toHaveLength(20);
    expect(REFERRAL_SOURCES['1A']).toMatch(/family member\/relative\/carer/i);
    expect(REFERRAL_SOURCES['1B']).toMatch(/acquaintance/i);
    expect(REFERRAL_SOURCES['1C']).toMatch(/self/i);
    expect(REFERRAL_SOURCES['1D']).toMatch(/other/i);
  });
});
