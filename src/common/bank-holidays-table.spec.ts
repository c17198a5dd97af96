import { BANK_HOLIDAY_YEARS, ENGLAND_BANK_HOLIDAYS } from './bank-holidays-table';
import { bankHolidays, publishedBankHolidays } from './working-days';

describe('bank holidays: the generated table is the date-holidays package, year by year', () => {
  const years = Array.from(
    { length: BANK_HOLIDAY_YEARS.last - BANK_HOLIDAY_YEARS.first + 1 },
    (_, i) => BANK_HOLIDAY_YEARS.first + i,
  );

  it.each(years)('%i: the table lists exactly the package’s England & Wales bank holidays', (y) => {
    expect([...bankHolidays(y)]).toEqual(publishedBankHolidays(y));
  });

  it('the table covers every year of its range and nothing else', () => {
    expect(Object.keys(ENGLAND_BANK_HOLIDAYS).map(Number)).toEqual(years);
  });

  it('a year outside the table comes from the package (its substitute days included)', () => {
    // 2055: Christmas Day on a Saturday, so the substitutes are Monday 27 and Tuesday 28.
    expect([...bankHolidays(2055)]).toEqual(publishedBankHolidays(2055));
    expect(bankHolidays(2055).has('2055-12-27')).toBe(true);
    expect(bankHolidays(2055).has('2055-12-28')).toBe(true);
  });
});
