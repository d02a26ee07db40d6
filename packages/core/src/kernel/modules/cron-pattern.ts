import { CronExpressionParser } from 'cron-parser';

/**
 * Whether a schedule's pattern is one the job scheduler accepts, checked at boot so a typo stops
 * the platform instead of silently never running a job. BullMQ reads patterns with cron-parser,
 * so the same parser decides here; the field count is ours: five fields (minute hour
 * day-of-month month day-of-week) or six with seconds first, where cron-parser would also fill
 * in missing fields and take aliases such as `@weekly`.
 */
export function isCronPattern(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  const fields = pattern.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return false;
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}
