import { DateTime } from 'luxon';

/**
 * ISO 8601 durations as the law counts them: years, months, weeks and days are calendar units on
 * the Belgian wall clock (two months from 31 December is the end of February, ten days stay ten
 * days across a change to summer time); hours, minutes and seconds are elapsed time (48 hours
 * are 48 hours, whatever the clock on the wall says).
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DEADLINE_TIME_ZONE = 'Europe/Brussels';

const ISO_DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The duration, or undefined when `text` is not one (fractions and signs are not accepted). */
export function parseDuration(text: unknown): Duration | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO_DURATION.exec(text);
  if (!m) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** The longest duration taken: no legal term or retention runs longer than a century. */
export const MAX_DURATION_DAYS = 36_525;

/**
 * A duration longer than nothing and at most a century: a deadline of zero is a typo, and one of
 * a million years lies beyond any date the platform can count to.
 */
export function isPositiveDuration(text: unknown): text is string {
  const d = parseDuration(text);
  if (d === undefined || !Object.values(d).some((v) => v > 0)) return false;
  const days = d.years * 365.25 + d.months * 31 + d.weeks * 7 + d.days + (d.hours + (d.minutes + d.seconds / 60) / 60) / 24;
  return days <= MAX_DURATION_DAYS;
}

function mustParse(text: string): Duration {
  const d = parseDuration(text);
  if (!d) throw new Error(`"${text}" is not an ISO 8601 duration`);
  return d;
}

/**
 * Of a wall time that occurs twice (autumn), the first. Luxon takes the one with the offset it
 * started from, so a day back from the Monday would give the second; a wall time skipped in
 * spring it already moves forward by the gap.
 */
const firstOf = (t: DateTime) => DateTime.min(...t.getPossibleOffsets()) ?? t;

function shift(at: Date, text: string, sign: 1 | -1): Date {
  const d = mustParse(text);
  const calendar = { years: sign * d.years, months: sign * d.months, days: sign * (d.weeks * 7 + d.days) };
  let t: DateTime = DateTime.fromJSDate(at, { zone: DEADLINE_TIME_ZONE });
  // Luxon counts these on the wall clock and ends the 31st plus a month on the last day of a
  // shorter month. Without them an instant in the doubled hour stays where it is.
  if (calendar.years || calendar.months || calendar.days) t = firstOf(t.plus(calendar));
  // Luxon adds time units as elapsed milliseconds; added apart, after the doubled hour is settled.
  return valid(t.plus({ hours: sign * d.hours, minutes: sign * d.minutes, seconds: sign * d.seconds }), text);
}

/** Luxon answers an invalid date instead of throwing; a deadline must never be stored as one. */
function valid(t: DateTime, what: string): Date {
  if (!t.isValid) throw new RangeError(`${what}: no date the platform can count to (${t.invalidReason ?? 'invalid'})`);
  return t.toJSDate();
}

/** `at` plus the duration: calendar part first (largest unit first), then elapsed time. */
export const addDuration = (at: Date, duration: string): Date => shift(at, duration, 1);

/** `at` minus the duration, the same way round (a warning two days before the due date). */
export const subtractDuration = (at: Date, duration: string): Date => shift(at, duration, -1);

/** Midnight on the Belgian wall clock at the start of a `YYYY-MM-DD` date. */
export function startOfDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  // Through Date.UTC, not luxon's fromObject: 30 February rolls over to 2 March as it always has,
  // where fromObject gives no date at all.
  const utc = DateTime.fromJSDate(new Date(Date.UTC(year, month - 1, day)), { zone: 'utc' });
  return valid(firstOf(utc.setZone(DEADLINE_TIME_ZONE, { keepLocalTime: true })), date);
}
