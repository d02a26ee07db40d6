import { TOKENS, type DeadlineClock, type TenantScope } from '@ketenhuis/sdk';
import type { CaseInState, CaseRow } from '../cases/case-access';
import { caseTypeOf } from '../workflows/case-workflow';
import { clockKey } from './deadline-settings';
import { startDeadline, stopDeadlines } from './start-deadline';
import { startOfDay } from '../../kernel/values/duration';

const statesOf = (c: DeadlineClock) => (Array.isArray(c.state) ? c.state : [c.state]);
const clockSource = (row: Pick<CaseRow, 'chain' | 'case_type'>, c: DeadlineClock) => `clock:${clockKey(row.chain, row.case_type, c.id)}`;

/**
 * When the clock runs from: entering the state (the platform clock's now), or a date field of
 * the case: a date from midnight in Brussels, a date-time as it is. Undefined when the case does
 * not hold the field: a clock without its starting point cannot run.
 */
function startOf(scope: TenantScope, c: DeadlineClock, fields: Record<string, unknown>): Date | undefined {
  if (c.runsFrom === 'stateEntered') return scope.resolve(TOKENS.Clock).now();
  const value = fields[c.runsFrom.field];
  if (typeof value !== 'string') return undefined;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfDay(value) : new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * Makes the case's clocks follow its state: a clock starts when the case enters one of its states
 * from outside them (or is registered in one), if its `when` holds; it keeps running while the
 * case moves between its states, and is met when the case leaves them all.
 */
export async function followClocks(scope: TenantScope, row: CaseInState, from: string | null): Promise<void> {
  const clocks = caseTypeOf(scope, row)?.workflow.clocks ?? [];
  if (!clocks.length) return;
  const left = clocks.filter((c) => from !== null && statesOf(c).includes(from) && !statesOf(c).includes(row.state));
  if (left.length) await stopDeadlines(scope, { caseId: row.id, sources: left.map((c) => clockSource(row, c)) }, 'met');

  const entered = clocks.filter((c) => statesOf(c).includes(row.state) && (from === null || !statesOf(c).includes(from)));
  if (!entered.length) return;
  // A case just registered (from null) has no clock running yet: no need to ask.
  const running = from === null ? new Set<string>() : new Set((await scope.query<{ source: string }>(
    `SELECT source FROM deadlines WHERE case_id = $1 AND state IN ('running', 'suspended') AND source = ANY ($2)`,
    [row.id, entered.map((c) => clockSource(row, c))])).map((r) => r.source));
  const fields = row.fields ?? {};
  for (const c of entered) {
    if (running.has(clockSource(row, c))) continue;
    if (c.when && fields[c.when.field] !== c.when.equals) continue;
    const startsAt = startOf(scope, c, fields);
    if (!startsAt) continue;
    await startDeadline(scope, {
      caseId: row.id, source: clockSource(row, c), settingKey: clockKey(row.chain, row.case_type, c.id), title: c.title,
      duration: c.duration, warnBefore: c.warnBefore, startsAt, onExpiry: c.onExpiry, warn: c.warn, expiry: c.expiry,
    });
  }
}
