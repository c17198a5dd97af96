import {
  addCalendarMonths,
  addDays,
  addWeeks,
  addWorkingDays,
  bankHolidays,
  compareDates,
  isBankHoliday,
  isIsoDate,
  isWorkingDay,
  todayIso,
  workingDayOnOrBefore,
  workingDaysBetween,
} from './working-days';

describe('England & Wales bank holidays', () => {
  it.each([
    ['2026-12-25', 'Christmas Day (Friday)'],
    ['2026-12-28', 'Boxing Day substitute (Monday)'],
    ['2027-01-01', "New Year's Day (Friday)"],
    ['2027-03-26', 'Good Friday 2027'],
    ['2027-03-29', 'Easter Monday 2027'],
    ['2027-05-03', 'Early May bank holiday 2027'],
    ['2027-05-31', 'Spring bank holiday 2027'],
    ['2027-08-30', 'Summer bank holiday 2027'],
    ['2027-12-27', 'Christmas Day substitute 2027'],
    ['2027-12-28', 'Boxing Day substitute 2027'],
    ['2026-04-03', 'Good Friday 2026'],
    ['2026-04-06', 'Easter Monday 2026'],
    ['2022-09-19', "Queen Elizabeth's funeral (one-off)"],
    ['2023-05-08', 'Coronation (one-off)'],
    ['2022-06-02', 'Spring bank holiday moved to a Thursday'],
  ])('%s (%s) is a non-working day', (date) => {
    expect(isBankHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('lists exactly the 2027 bank holidays, substitutes included', () => {
    expect([...bankHolidays(2027)].sort()).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-25',
      '2027-12-26',
      '2027-12-27',
      '2027-12-28',
    ]);
  });

  it("ignores observances such as Mother's Day, Easter Sunday and Father's Day", () => {
    const holidays = bankHolidays(2027);
    expect(holidays.has('2027-03-07')).toBe(false); // Mother's Day
    expect(holidays.has('2027-03-28')).toBe(false); // Easter Sunday
    expect(holidays.has('2027-06-20')).toBe(false); // Father's Day
  });

  it.each([
    ['2027-04-23', "St George's Day (Friday)"],
    ['2027-11-05', 'Bonfire Night (Friday)'],
    ['2027-03-17', "St Patrick's Day (Northern Ireland only)"],
    ['2027-07-12', 'Battle of the Boyne (Northern Ireland only)'],
    ['2027-08-02', 'Summer bank holiday in Scotland only'],
    ['2026-11-30', "St Andrew's Day (Scotland only)"],
    ['2027-01-04', 'the first Monday after New Year'],
  ])('%s (%s) is a working day in England', (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it('treats weekends as non-working', () => {
    expect(isWorkingDay('2027-01-02')).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-03')).toBe(false); // Sunday
    expect(isWorkingDay('2027-01-05')).toBe(true); // Tuesday
  });

  it('caches each year', () => {
    expect(bankHolidays(2027)).toBe(bankHolidays(2027));
  });
});

describe('addWorkingDays', () => {
  it('puts the ICPC for a Friday 18 December 2026 strategy discussion on 13 January 2027', () => {
    expect(addWorkingDays('2026-12-18', 15)).toBe('2027-01-13');
  });

  it('counts the day of the event as day 0', () => {
    expect(addWorkingDays('2027-01-04', 1)).toBe('2027-01-05');
    expect(addWorkingDays('2027-01-04', 0)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-08', 1)).toBe('2027-01-11'); // Friday → Monday
  });

  it('starts counting from a weekend or bank holiday', () => {
    expect(addWorkingDays('2027-01-02', 1)).toBe('2027-01-04'); // Saturday → Monday
    expect(addWorkingDays('2027-01-03', 1)).toBe('2027-01-04'); // Sunday → Monday
    expect(addWorkingDays('2026-12-25', 1)).toBe('2026-12-29'); // Christmas → Tuesday
    expect(addWorkingDays('2027-03-26', 1)).toBe('2027-03-30'); // Good Friday → Tuesday
  });

  it('skips Easter', () => {
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays('2027-03-19', 15)).toBe('2027-04-13');
  });

  it('skips the May and August bank holidays', () => {
    expect(addWorkingDays('2027-04-30', 1)).toBe('2027-05-04');
    expect(addWorkingDays('2027-05-28', 1)).toBe('2027-06-01');
    expect(addWorkingDays('2027-08-27', 1)).toBe('2027-08-31');
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
    expect(addWorkingDays('2026-08-28', 1)).toBe('2026-09-01');
  });

  it('gives the 45-working-day assessment deadline across Easter and early May', () => {
    expect(addWorkingDays('2027-03-01', 45)).toBe('2027-05-06');
  });

  it('crosses a leap day', () => {
    expect(addWorkingDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addWorkingDays('2028-02-25', 2)).toBe('2028-02-29');
  });

  it('counts backwards for a negative n', () => {
    expect(addWorkingDays('2027-01-04', -1)).toBe('2026-12-31');
    expect(addWorkingDays('2027-01-13', -15)).toBe('2026-12-18');
  });

  it('always lands on a working day and is inverted by workingDaysBetween', () => {
    for (let date = '2026-01-01'; date <= '2028-12-31'; date = addDays(date, 3)) {
      for (const n of [1, 2, 10, 15, 45]) {
        const due = addWorkingDays(date, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(date, due)).toBe(n);
        expect(workingDaysBetween(date, addDays(due, -1))).toBe(n - 1);
      }
    }
  });

  it('rejects malformed dates and non-integer counts', () => {
    expect(() => addWorkingDays('2027-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-1-5', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-01-05T00:00:00Z', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-01-05', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('not a date', 0)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-12-18', '2027-01-13')).toBe(15);
    expect(workingDaysBetween('2027-01-08', '2027-01-11')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2027-01-09', '2027-01-10')).toBe(0); // Saturday → Sunday
    expect(workingDaysBetween('2027-03-25', '2027-03-30')).toBe(1); // over Easter
  });

  it('is zero for the same day and negative backwards', () => {
    expect(workingDaysBetween('2027-01-13', '2027-01-13')).toBe(0);
    expect(workingDaysBetween('2027-01-13', '2026-12-18')).toBe(-15);
  });
});

describe('addCalendarMonths', () => {
  it('keeps the calendar day when it is a working day', () => {
    expect(addCalendarMonths('2026-12-23', 3)).toBe('2027-03-23');
    expect(addCalendarMonths('2027-03-31', 6)).toBe('2027-09-30');
    expect(addCalendarMonths('2027-01-15', 12)).toBe('2028-01-14'); // 15 Jan 2028 is Saturday
  });

  it("clamps to the month's last day, then moves back to a working day", () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-26'); // 28 Feb 2027 is Sunday
    expect(addCalendarMonths('2027-01-29', 1)).toBe('2027-02-26');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-26');
    expect(addCalendarMonths('2027-08-31', 1)).toBe('2027-09-30');
  });

  it('handles leap years', () => {
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29'); // Tuesday
    expect(addCalendarMonths('2028-01-29', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2028-02-29', 12)).toBe('2029-02-28'); // Wednesday
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  it('moves back over Easter and bank holidays', () => {
    expect(addCalendarMonths('2026-12-29', 3)).toBe('2027-03-25'); // Easter Monday → Thursday
    expect(addCalendarMonths('2026-12-26', 3)).toBe('2027-03-25'); // Good Friday → Thursday
    expect(addCalendarMonths('2027-03-31', 2)).toBe('2027-05-28'); // Spring bank holiday
    expect(addCalendarMonths('2027-05-30', 3)).toBe('2027-08-27'); // Summer bank holiday
    expect(addCalendarMonths('2026-11-28', 1)).toBe('2026-12-24'); // substitute, weekend, Christmas
  });

  it('can move back into the previous month', () => {
    expect(addCalendarMonths('2027-04-01', 1)).toBe('2027-04-30'); // 1 May 2027 is Saturday
  });

  it('counts months back for a negative n', () => {
    expect(addCalendarMonths('2027-03-31', -1)).toBe('2027-02-26');
    expect(addCalendarMonths('2027-01-15', -1)).toBe('2026-12-15');
  });

  it('crosses year ends in both directions', () => {
    expect(addCalendarMonths('2026-10-15', 3)).toBe('2027-01-15');
    expect(addCalendarMonths('2027-02-15', -14)).toBe('2025-12-15');
  });
});

describe('workingDayOnOrBefore', () => {
  it('is the date itself on a working day, else the previous working day', () => {
    expect(workingDayOnOrBefore('2027-01-13')).toBe('2027-01-13');
    expect(workingDayOnOrBefore('2026-12-28')).toBe('2026-12-24');
  });
});

describe('addWeeks and addDays', () => {
  it('adds calendar weeks without working-day adjustment', () => {
    expect(addWeeks('2027-01-01', 26)).toBe('2027-07-02');
    expect(addWeeks('2027-01-01', -1)).toBe('2026-12-25');
    expect(addWeeks('2028-02-22', 1)).toBe('2028-02-29');
    expect(addWeeks('2026-12-04', 4)).toBe('2027-01-01'); // lands on a bank holiday
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('ignores daylight saving changes', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2027-10-31', 1)).toBe('2027-11-01');
  });
});

describe('compareDates', () => {
  it('orders ISO dates', () => {
    expect(compareDates('2026-12-31', '2027-01-01')).toBe(-1);
    expect(compareDates('2027-01-01', '2027-01-01')).toBe(0);
    expect(compareDates('2027-02-01', '2027-01-31')).toBe(1);
  });

  it('rejects invalid dates', () => {
    expect(() => compareDates('2027-13-01', '2027-01-01')).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-04-31')).toBe(false);
    expect(isIsoDate('27-04-01')).toBe(false);
    expect(isIsoDate(20270401)).toBe(false);
  });
});

describe('todayIso', () => {
  it("gives England's calendar date, not UTC's", () => {
    expect(todayIso(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-01'); // 00:30 BST
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
    expect(todayIso(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
  });

  it('defaults to now', () => {
    expect(isIsoDate(todayIso())).toBe(true);
  });
});
