import { DateTime } from 'luxon';
import type { LegalCalendar } from '@ketenhuis/sdk';
import { addDuration, parseDuration, startOfDay, subtractDuration } from './duration';

const ZONE = 'Europe/Brussels';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day as luxon reads it: the calendar date alone, no time zone to shift it. */
const day = (text: string) => DateTime.fromISO(text, { zone: 'utc' });

/** The Belgian calendar of the SDK's TOKENS.Calendar, on the same arithmetic as deadlines. */
export const legalCalendar: LegalCalendar = {
  timeZone: ZONE,
  dayOf: (at) => DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!,
  dayOfInput(value) {
    if (typeof value !== 'string') return undefined;
    if (DAY.test(value)) return value;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : legalCalendar.dayOf(new Date(ms));
  },
  addToDay(from, duration) {
    const d = parseDuration(duration);
    if (!d || d.hours || d.minutes || d.seconds) throw new Error(`"${duration}" is not a calendar duration (years, months, weeks, days)`);
    // Luxon adds years and months first and ends on the last day of a shorter month, then the days.
    return day(from).plus({ years: d.years, months: d.months, weeks: d.weeks, days: d.days }).toISODate()!;
  },
  mondayOf: (of) => day(of).startOf('week').toISODate()!,
  add: addDuration,
  subtract: subtractDuration,
  startOfDay,
};
