/**
 * Legal time on the Belgian calendar, as core counts deadlines: terms count calendar days in
 * Europe/Brussels, not elapsed hours, and a month from the 31st ends on the last day of a shorter
 * month. Days are `YYYY-MM-DD` strings, which compare correctly as text. Resolve it with
 * `TOKENS.Calendar`; a chain keeps no calendar code of its own.
 */
export interface LegalCalendar {
  /** `Europe/Brussels`, for SQL that groups by the Belgian day or week (`AT TIME ZONE`). */
  readonly timeZone: string;
  /** The calendar day in Brussels at an instant. */
  dayOf(at: Date): string;
  /** The Brussels day of an ISO date or date-time input, or undefined if it is neither. */
  dayOfInput(value: unknown): string | undefined;
  /** A day plus a calendar duration (years, months, weeks, days: `P10D`, `P2M`); a time part throws. */
  addToDay(day: string, duration: string): string;
  /** The Monday of the ISO week a day lies in. */
  mondayOf(day: string): string;
  /** An instant plus an ISO 8601 duration: calendar units on the Belgian wall clock, hours elapsed. */
  add(at: Date, duration: string): Date;
  /** An instant minus an ISO 8601 duration, counted the same way. */
  subtract(at: Date, duration: string): Date;
  /** Midnight in Brussels at the start of a day. */
  startOfDay(day: string): Date;
}
