import { auditWindow, londonMidnight, windowInverted } from './audit-window';

describe('audit window: from/to as a date (England) or a timestamp', () => {
  it.each([
    ['2026-01-15', '2026-01-15T00:00:00.000Z'], // GMT
    ['2026-07-15', '2026-07-14T23:00:00.000Z'], // BST
    ['2026-03-29', '2026-03-29T00:00:00.000Z'], // spring forward at 01:00 GMT that day
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'], // fall back at 01:00 GMT that day
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
  ])('London midnight of %s is %s', (date, iso) => {
    expect(new Date(londonMidnight(date)).toISOString()).toBe(iso);
  });

  it('a date `to` includes the whole day; a timestamp passes through', () => {
    expect(auditWindow('2026-07-01', '2026-07-31')).toEqual({
      from: '2026-06-30T23:00:00.000Z',
      before: '2026-07-31T23:00:00.000Z',
    });
    expect(auditWindow('2026-07-01T10:00:00Z', '2026-07-02T10:00:00+01:00')).toEqual({
      from: '2026-07-01T10:00:00Z',
      to: '2026-07-02T10:00:00+01:00',
    });
    expect(auditWindow(undefined, '2026-12-31')).toEqual({ before: '2027-01-01T00:00:00.000Z' });
  });

  it.each([
    ['2026-07-02', '2026-07-01', true],
    ['2026-07-01', '2026-07-01', false],
    ['2026-07-01', '2026-06-30T23:30:00Z', false], // London 00:30 on 1 July
    ['2026-07-01', '2026-06-30T22:30:00Z', true],
    ['2026-07-01T12:00:00Z', '2026-07-01', false],
    ['2026-07-01T23:00:00Z', '2026-07-01', true],
  ])('from %s to %s inverted: %s', (from, to, inverted) => {
    expect(windowInverted(auditWindow(from, to))).toBe(inverted);
  });
});
