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

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number }

const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: DEADLINE_TIME_ZONE, hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

function wallOf(at: Date): Wall {
  const parts = Object.fromEntries(wallFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), ms: at.getUTCMilliseconds(),
  };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

/** Milliseconds the Belgian wall clock is ahead of UTC at `utcMs`. */
const offsetAt = (utcMs: number) => wallAsUtc(wallOf(new Date(utcMs))) - utcMs;

/**
 * The instant the Belgian wall clock shows `w`. A time skipped by the change to summer time
 * moves forward by the gap; a time that occurs twice (autumn) is the first of the two.
 */
function instantOf(w: Wall): Date {
  const local = wallAsUtc(w);
  const before = offsetAt(local - 86_400_000);
  const after = offsetAt(local + 86_400_000);
  // Try the earlier offset (summer time, the larger one, in autumn's overlap) first.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const candidate = local - offset;
    if (wallAsUtc(wallOf(new Date(candidate))) === local) return new Date(candidate);
  }
  // In the spring gap neither offset shows this wall time: count it with the offset before.
  return new Date(local - before);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function shiftCalendar(at: Date, years: number, months: number, days: number): Date {
  if (!years && !months && !days) return at;
  const w = wallOf(at);
  const monthIndex = w.year * 12 + (w.month - 1) + years * 12 + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  // The 31st plus a month is the last day of a shorter month, never a day in the one after.
  const day = Math.min(w.day, daysInMonth(year, month));
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return instantOf({ ...w, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function shift(at: Date, text: string, sign: 1 | -1): Date {
  const d = mustParse(text);
  const calendar = shiftCalendar(at, sign * d.years, sign * d.months, sign * (d.weeks * 7 + d.days));
  return new Date(calendar.getTime() + sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/** `at` plus the duration: calendar part first (largest unit first), then elapsed time. */
export const addDuration = (at: Date, duration: string): Date => shift(at, duration, 1);

/** `at` minus the duration, the same way round (a warning two days before the due date). */
export const subtractDuration = (at: Date, duration: string): Date => shift(at, duration, -1);

/** Midnight on the Belgian wall clock at the start of a `YYYY-MM-DD` date. */
export function startOfDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 });
}
