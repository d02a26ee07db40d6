interface CronField {
  min: number;
  max: number;
  names?: string[];
  /** Extras the scheduler's parser understands in this field: `?`, `L`, `#`. */
  extras?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SECOND: CronField = { min: 0, max: 59 };
const FIELDS: CronField[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, extras: /^(\?|L)$/i },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 7, names: DAYS, extras: /^(\?|[0-7]L|[0-7]#[1-5])$/i },
];

function value(token: string, field: CronField): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return named < 0 ? undefined : named + (field.names === MONTHS ? 1 : 0);
}

function validItem(item: string, field: CronField): boolean {
  if (field.extras?.test(item)) return true;
  const [range, step, ...more] = item.split('/');
  if (more.length || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
  if (range === '*') return true;
  const [from, to, ...rest] = range.split('-');
  if (rest.length) return false;
  const a = value(from, field);
  if (a === undefined) return false;
  if (to === undefined) return true;
  const b = value(to, field);
  return b !== undefined && a <= b;
}

/**
 * Whether a schedule's pattern is a cron pattern the job scheduler accepts: five fields
 * (minute hour day-of-month month day-of-week) or six with seconds first, each field made of
 * values, ranges, steps and lists within its bounds. Checked at boot so a typo stops the
 * platform instead of silently never running a job.
 */
export function isCronPattern(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  const parts = pattern.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return false;
  const fields = parts.length === 6 ? [SECOND, ...FIELDS] : FIELDS;
  return parts.every((part, i) => part.split(',').every((item) => validItem(item, fields[i])));
}
