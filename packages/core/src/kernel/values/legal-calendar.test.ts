import { legalCalendar as calendar } from './legal-calendar';

describe('the legal calendar (Europe/Brussels)', () => {
  it('names the Brussels day of an instant, across midnight and daylight saving time', () => {
    expect(calendar.dayOf(new Date('2026-03-04T22:59:00Z'))).toBe('2026-03-04');
    expect(calendar.dayOf(new Date('2026-03-04T23:00:00Z'))).toBe('2026-03-05');
    // Summer time: midnight in Brussels is 22:00 UTC.
    expect(calendar.dayOf(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(calendar.dayOf(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('adds months date to date, landing on the last day of a shorter month', () => {
    expect(calendar.addToDay('2026-01-31', 'P1M')).toBe('2026-02-28');
    expect(calendar.addToDay('2027-12-31', 'P2M')).toBe('2028-02-29');
    expect(calendar.addToDay('2025-12-31', 'P2M')).toBe('2026-02-28');
    expect(calendar.addToDay('2026-08-31', 'P2M')).toBe('2026-10-31');
    expect(calendar.addToDay('2026-11-30', 'P3M')).toBe('2027-02-28');
    expect(calendar.addToDay('2026-01-25', 'P10D')).toBe('2026-02-04');
    expect(calendar.addToDay('2026-12-28', 'P1W')).toBe('2027-01-04');
    expect(calendar.addToDay('2026-01-31', 'P1M10D')).toBe('2026-03-10');
    expect(() => calendar.addToDay('2026-01-01', 'PT48H')).toThrow(/calendar duration/);
    expect(() => calendar.addToDay('2026-01-01', 'P')).toThrow(/calendar duration/);
  });

  it('finds the Monday of a week, also across a year end', () => {
    expect(calendar.mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(calendar.mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(calendar.mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('reads a date or a date and time as its Brussels day, and nothing else', () => {
    expect(calendar.dayOfInput('2026-03-05')).toBe('2026-03-05');
    expect(calendar.dayOfInput('2026-03-04T23:30:00Z')).toBe('2026-03-05');
    expect(calendar.dayOfInput('morgen')).toBeUndefined();
    expect(calendar.dayOfInput(20260305)).toBeUndefined();
  });
});
