import { longerThanYears, plusCalendarMonths, twelveMonthsUpTo } from './calendar-period';

describe('report periods are calendar periods', () => {
  it('the 12 months up to 6 December 2026 start on 1 January 2026 (a bank holiday, not moved)', () => {
    expect(twelveMonthsUpTo('2026-12-06')).toBe('2026-01-01');
    expect(twelveMonthsUpTo('2027-04-30')).toBe('2026-05-01');
  });

  it('exactly three years is allowed; a day more is not', () => {
    expect(longerThanYears('2023-01-01', '2026-01-01', 3)).toBe(false);
    expect(longerThanYears('2023-01-01', '2026-01-02', 3)).toBe(true);
  });

  it('month ends clamp, leap days included; negative months count back', () => {
    expect(plusCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(plusCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(plusCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(plusCalendarMonths('2026-12-25', 0)).toBe('2026-12-25');
    expect(() => plusCalendarMonths('2026-01-01', 1.5)).toThrow(RangeError);
  });
});
