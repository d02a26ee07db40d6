import { addDuration, isPositiveDuration, parseDuration, startOfDay, subtractDuration } from './duration';

const at = (iso: string) => new Date(iso);
const plus = (from: string, d: string) => addDuration(at(from), d).toISOString();
const minus = (from: string, d: string) => subtractDuration(at(from), d).toISOString();

describe('deadline durations', () => {
  it('reads ISO 8601 durations and refuses what is not one', () => {
    expect(parseDuration('P2M')).toEqual({ years: 0, months: 2, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
    for (const bad of ['', 'P', 'PT', '2M', 'P-1D', 'P1.5D', 'PT48', 'P1H', 'pt48h', 'P1DT', 42, null]) expect(parseDuration(bad)).toBeUndefined();
    expect(isPositiveDuration('PT48H')).toBe(true);
    expect(isPositiveDuration('P0D')).toBe(false);
    expect(isPositiveDuration('P0DT0H')).toBe(false);
    // At most a century: beyond that lies no legal term, and soon no date JavaScript can count to.
    expect(isPositiveDuration('P100Y')).toBe(true);
    expect(isPositiveDuration('P36525D')).toBe(true);
    for (const tooLong of ['P101Y', 'P1201M', 'P300000Y', 'P999999999Y', 'PT99999999999999999999999S', 'P2M', 'P36526D']) {
      expect([tooLong, isPositiveDuration(tooLong)]).toEqual([tooLong, tooLong === 'P2M']);
    }
  });

  it('counts hours as elapsed time, also across the change to summer time', () => {
    expect(plus('2026-03-02T08:00:00Z', 'PT48H')).toBe('2026-03-04T08:00:00.000Z');
    // 29 March 2026 is one hour shorter in Belgium; 48 hours are still 48 hours.
    expect(plus('2026-03-28T10:00:00Z', 'PT48H')).toBe('2026-03-30T10:00:00.000Z');
    expect(plus('2026-03-02T08:00:00Z', 'PT90M')).toBe('2026-03-02T09:30:00.000Z');
  });

  it('counts days on the Belgian calendar: ten days keep the time of day across summer time', () => {
    expect(plus('2026-03-02T08:00:00Z', 'P10D')).toBe('2026-03-12T08:00:00.000Z');
    // 25 March 10:00 in Brussels (CET, 09:00Z) plus ten days is 4 April 10:00 (CEST, 08:00Z).
    expect(plus('2026-03-25T09:00:00Z', 'P10D')).toBe('2026-04-04T08:00:00.000Z');
    expect(plus('2026-10-20T08:00:00Z', 'P2W')).toBe('2026-11-03T09:00:00.000Z');
    // Across a year end.
    expect(plus('2026-12-28T12:00:00Z', 'P10D')).toBe('2027-01-07T12:00:00.000Z');
  });

  it('counts months on the calendar, ending on the last day of a shorter month', () => {
    expect(plus('2026-01-15T09:00:00Z', 'P2M')).toBe('2026-03-15T09:00:00.000Z');
    // 31 December + 2 months: there is no 31 February, so the end of February.
    expect(plus('2025-12-31T09:00:00Z', 'P2M')).toBe('2026-02-28T09:00:00.000Z');
    expect(plus('2026-03-31T08:00:00Z', 'P2M')).toBe('2026-05-31T08:00:00.000Z');
    expect(plus('2026-08-31T08:00:00Z', 'P1M')).toBe('2026-09-30T08:00:00.000Z');
    // Month ends and summer time together: 31 January 10:00 CET + 2 months = 31 March 10:00 CEST.
    expect(plus('2026-01-31T09:00:00Z', 'P2M')).toBe('2026-03-31T08:00:00.000Z');
  });

  it('knows leap years', () => {
    expect(plus('2027-12-31T09:00:00Z', 'P2M')).toBe('2028-02-29T09:00:00.000Z');
    expect(plus('2028-01-31T09:00:00Z', 'P1M')).toBe('2028-02-29T09:00:00.000Z');
    expect(plus('2028-02-29T09:00:00Z', 'P1Y')).toBe('2029-02-28T09:00:00.000Z');
    expect(plus('2028-02-28T09:00:00Z', 'P1D')).toBe('2028-02-29T09:00:00.000Z');
    expect(plus('2100-02-28T09:00:00Z', 'P1D')).toBe('2100-03-01T09:00:00.000Z');
    expect(plus('2000-02-28T09:00:00Z', 'P1D')).toBe('2000-02-29T09:00:00.000Z');
  });

  it('counts calendar units first, then elapsed time', () => {
    expect(plus('2026-01-31T09:00:00Z', 'P1MT12H')).toBe('2026-02-28T21:00:00.000Z');
  });

  it('subtracts the same way round, for warning points before a due date', () => {
    expect(minus('2026-03-04T08:00:00Z', 'PT12H')).toBe('2026-03-03T20:00:00.000Z');
    expect(minus('2026-03-31T08:00:00Z', 'P1M')).toBe('2026-02-28T09:00:00.000Z');
    expect(minus('2026-04-04T08:00:00Z', 'P10D')).toBe('2026-03-25T09:00:00.000Z');
  });

  it('starts a date at midnight in Brussels, in winter and in summer', () => {
    expect(startOfDay('2026-03-02').toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(startOfDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('moves a wall time skipped by summer time forward, and takes the first of a doubled one', () => {
    // 28 March 02:30 CET + 1 day = 29 March 02:30, which does not exist: 03:30 CEST.
    expect(plus('2026-03-28T01:30:00Z', 'P1D')).toBe('2026-03-29T01:30:00.000Z');
    // 24 October 02:30 CEST + 1 day = 25 October 02:30, which occurs twice: the first (CEST).
    expect(plus('2026-10-24T00:30:00Z', 'P1D')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('counts hours as elapsed time in autumn too, and days on the wall clock', () => {
    // 25 October 2026 is one hour longer in Belgium: 48 hours end an hour earlier on the wall clock than two days.
    expect(plus('2026-10-24T08:00:00Z', 'PT48H')).toBe('2026-10-26T08:00:00.000Z');
    expect(plus('2026-10-24T08:00:00Z', 'P2D')).toBe('2026-10-26T09:00:00.000Z');
    // And in spring two days end at the same wall time, an hour before 48 hours would.
    expect(plus('2026-03-28T10:00:00Z', 'P2D')).toBe('2026-03-30T09:00:00.000Z');
  });

  it('ends the 31st plus a month on the last day of the next month', () => {
    expect(plus('2026-01-31T09:00:00Z', 'P1M')).toBe('2026-02-28T09:00:00.000Z');
    expect(plus('2026-01-30T09:00:00Z', 'P1M')).toBe('2026-02-28T09:00:00.000Z');
    expect(plus('2028-03-31T08:00:00Z', 'P1M')).toBe('2028-04-30T08:00:00.000Z');
  });

  it('knows leap years going back, and a leap day four years on', () => {
    expect(minus('2028-02-29T09:00:00Z', 'P1Y')).toBe('2027-02-28T09:00:00.000Z');
    expect(plus('2028-02-29T09:00:00Z', 'P4Y')).toBe('2032-02-29T09:00:00.000Z');
  });

  it('subtracts across the change to winter time the same way', () => {
    expect(minus('2026-10-26T08:00:00Z', 'PT48H')).toBe('2026-10-24T08:00:00.000Z');
    // 29 October 10:00 CET (09:00Z) minus a week is 22 October 10:00 CEST (08:00Z).
    expect(minus('2026-10-29T09:00:00Z', 'P1W')).toBe('2026-10-22T08:00:00.000Z');
  });

  it('settles skipped and doubled wall times the same way when subtracting', () => {
    // 30 March 02:30 CEST - 1 day = 29 March 02:30, which does not exist: 03:30 CEST.
    expect(minus('2026-03-30T00:30:00Z', 'P1D')).toBe('2026-03-29T01:30:00.000Z');
    // 26 October 02:30 CET - 1 day = 25 October 02:30, which occurs twice: still the first (CEST),
    // although counted from winter time.
    expect(minus('2026-10-26T01:30:00Z', 'P1D')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('adds hours alone to an instant in the doubled hour as elapsed time', () => {
    // 02:30 CET, the second 02:30 of 25 October, plus an hour is 03:30 CET: not moved to the first 02:30.
    expect(plus('2026-10-25T01:30:00Z', 'PT1H')).toBe('2026-10-25T02:30:00.000Z');
    // The first 02:30 (CEST) plus an hour is the second one.
    expect(plus('2026-10-25T00:30:00Z', 'PT1H')).toBe('2026-10-25T01:30:00.000Z');
    // A day to the first 02:30, then an hour of elapsed time to the second.
    expect(plus('2026-10-24T00:30:00Z', 'P1DT1H')).toBe('2026-10-25T01:30:00.000Z');
  });

  it('starts the days of the clock changes at midnight, and rolls an impossible date over', () => {
    expect(startOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    // As Date.UTC counts it: 30 February is 2 March.
    expect(startOfDay('2026-02-30').toISOString()).toBe('2026-03-01T23:00:00.000Z');
  });

  it('throws rather than answer a date that cannot be, where no check came first', () => {
    expect(() => addDuration(new Date('2026-01-01T00:00:00Z'), 'P300000Y')).toThrow(RangeError);
    expect(() => startOfDay('abc')).toThrow(RangeError);
  });
});
