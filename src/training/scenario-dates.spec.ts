import { isScenarioDate, resolveScenarioDate } from './scenario-dates';

describe('scenario dates (relative to the load date, counted in working days)', () => {
  it.each([
    // Wednesday 13 January 2027: 15 working days back skips Christmas, the Boxing Day
    // substitute (Mon 28 Dec) and New Year's Day (docs/domain.md's example, reversed).
    ['-15wd', '2027-01-13', '2026-12-18'],
    ['+15wd', '2026-12-18', '2027-01-13'],
    ['today', '2027-01-13', '2027-01-13'],
    ['-0wd', '2027-01-13', '2027-01-13'],
    ['-1wd', '2026-12-29', '2026-12-24'],
    ['-5d', '2027-01-13', '2027-01-08'],
    ['-2w', '2027-01-13', '2026-12-30'],
    // Months by the statutory rule: same day, else month end, back to a working day.
    ['-3m', '2027-05-31', '2027-02-26'],
    ['-1m', '2027-03-29', '2027-02-26'],
    ['-9y', '2027-01-13', '2018-01-12'],
    ['2026-02-03', '2027-01-13', '2026-02-03'],
  ])('%s from %s is %s', (value, today, expected) => {
    expect(resolveScenarioDate(value, today)).toBe(expected);
  });

  it.each(['yesterday', '-20', '20wd', '-3 m', '-1q', '2026-02-30', '', '+-3d'])(
    'refuses %j',
    (value) => {
      expect(isScenarioDate(value)).toBe(false);
      expect(() => resolveScenarioDate(value, '2027-01-13')).toThrow(/not a scenario date/);
    },
  );
});
