/**
 * Legal terms count calendar days in Belgium, not elapsed hours: a hearing "in ten days" is on
 * the tenth day after today in Brussels, whatever the hour. Dates here are "YYYY-MM-DD" strings,
 * which compare correctly as text.
 */
export const LEGAL_TIME_ZONE = 'Europe/Brussels';

const brusselsDay = new Intl.DateTimeFormat('en-CA', { timeZone: LEGAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Brussels at an instant. */
export function dayInBrussels(at: Date): string {
  return brusselsDay.format(at);
}

const CALENDAR_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `day` plus a calendar duration (years, months, weeks, days; no hours). Months land on the same
 * day number, or on the last day of a shorter month (31 December + 2 months = 28 or 29 February),
 * as terms counted "van datum tot datum" do.
 */
export function addCalendarDuration(day: string, duration: string): string {
  const m = CALENDAR_DURATION.exec(duration);
  if (!m || duration === 'P') throw new Error(`"${duration}" is not a calendar duration (years, months, weeks, days)`);
  const [years, months, weeks, days] = m.slice(1).map((v) => Number(v ?? 0));
  const [y, mo, d] = day.split('-').map(Number);
  const monthIndex = (y + years) * 12 + (mo - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const clamped = Math.min(d, daysInMonth(year, month));
  const at = new Date(Date.UTC(year, month - 1, clamped + weeks * 7 + days));
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** The Brussels calendar day of an ISO date or date-time input, or undefined if it is neither. */
export function dayOfInput(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : dayInBrussels(new Date(ms));
}

/** The Monday of the ISO week `day` lies in. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const sinceMonday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return new Date(Date.UTC(y, m - 1, d - sinceMonday)).toISOString().slice(0, 10);
}
