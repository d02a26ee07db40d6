import { TOKENS, badRequest, conflict, notFound, type Actor, type TenantScope } from '@ketenhuis/sdk';
import { appendTimeline } from '../cases/timeline';
import { DEADLINE_COLUMNS, type DeadlineRow } from './deadline-view';
import { UUID } from '../../kernel/values/uuid';
import { addDuration, isPositiveDuration, subtractDuration } from '../../kernel/values/duration';

export interface ExtendInput {
  by?: string;
  until?: string;
  reason: string;
}

type EventKind = 'suspended' | 'resumed' | 'extended';

/** The case's deadline, locked for this transaction: the sweep's claims wait for the change. */
async function lockDeadline(scope: TenantScope, caseId: string, deadlineId: string): Promise<DeadlineRow> {
  const [row] = UUID.test(deadlineId)
    ? await scope.query<DeadlineRow>(`SELECT ${DEADLINE_COLUMNS} FROM deadlines d WHERE d.id = $1 AND d.case_id = $2 FOR UPDATE`, [deadlineId, caseId])
    : [];
  if (!row) throw notFound();
  return row;
}

/** History in two places: the reason with the deadline, codes and ids on the case's timeline. */
async function record(scope: TenantScope, actor: Actor, d: DeadlineRow, kind: EventKind, at: Date, reason: string | undefined, data: Record<string, string | number>) {
  const [event] = await scope.query<{ id: string }>(
    `INSERT INTO deadline_events (tenant_id, deadline_id, kind, at, reason, actor_subject, actor_organisation_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [scope.tenantId, d.id, kind, at, reason ?? null, actor.subject, actor.organisationId ?? null, JSON.stringify(data)]);
  await appendTimeline(scope, d.case_id, actor, `deadline-${kind}`, { deadlineId: d.id, eventId: event.id, source: d.source, ...data });
}

async function reread(scope: TenantScope, id: string): Promise<DeadlineRow> {
  const [row] = await scope.query<DeadlineRow>(`SELECT ${DEADLINE_COLUMNS} FROM deadlines d WHERE d.id = $1`, [id]);
  return row;
}

const nowOf = (scope: TenantScope) => scope.resolve(TOKENS.Clock).now();
const trimmed = (reason: string | undefined) => (reason === undefined ? undefined : reason.trim());

function requireReason(reason: string | undefined, field = 'body.reason'): string {
  const r = trimmed(reason);
  if (!r) throw badRequest(field, 'a reason is required');
  return r;
}

/** Pauses a running clock: a suspended deadline neither warns nor expires. */
export async function suspendDeadline(scope: TenantScope, actor: Actor, caseId: string, deadlineId: string, reason: string): Promise<DeadlineRow> {
  const why = requireReason(reason);
  const d = await lockDeadline(scope, caseId, deadlineId);
  if (d.state !== 'running') throw conflict(`the deadline is ${d.state}; only a running deadline can be suspended`);
  const now = nowOf(scope);
  await scope.query(`UPDATE deadlines SET state = 'suspended', suspended_at = $2 WHERE id = $1`, [d.id, now]);
  await record(scope, actor, d, 'suspended', now, why, { dueAt: new Date(d.due_at).toISOString() });
  return reread(scope, d.id);
}

/** Runs a suspended clock again; its due date and warning point move by the time it was paused. */
export async function resumeDeadline(scope: TenantScope, actor: Actor, caseId: string, deadlineId: string, reason?: string): Promise<DeadlineRow> {
  const why = trimmed(reason) || undefined;
  const d = await lockDeadline(scope, caseId, deadlineId);
  if (d.state !== 'suspended' || !d.suspended_at) throw conflict(`the deadline is ${d.state}; only a suspended deadline can be resumed`);
  const now = nowOf(scope);
  const pausedMs = Math.max(0, now.getTime() - new Date(d.suspended_at).getTime());
  const [moved] = await scope.query<{ due_at: Date }>(
    `WITH u AS (UPDATE deadlines SET state = 'running', suspended_at = NULL, suspended_ms = suspended_ms + $2,
       due_at = due_at + $2 * interval '1 millisecond', warn_at = warn_at + $2 * interval '1 millisecond'
     WHERE id = $1 RETURNING due_at) SELECT due_at FROM u`, [d.id, pausedMs]);
  await record(scope, actor, d, 'resumed', now, why, { pausedMs, previousDueAt: new Date(d.due_at).toISOString(), dueAt: new Date(moved.due_at).toISOString() });
  return reread(scope, d.id);
}

/**
 * Moves the due date later, by a duration or to a moment, and the warning point with it. A
 * deadline already warned is warned again before its new due date if that point is still ahead.
 */
export async function extendDeadline(scope: TenantScope, actor: Actor, caseId: string, deadlineId: string, input: ExtendInput): Promise<DeadlineRow> {
  const why = requireReason(input.reason);
  if ((input.by === undefined) === (input.until === undefined)) throw badRequest('body.by', 'give either "by" (a duration) or "until" (a date and time)');
  if (input.by !== undefined && !isPositiveDuration(input.by)) throw badRequest('body.by', 'must be a non-zero ISO 8601 duration of at most 100 years (e.g. P10D, PT48H)');
  const until = input.until === undefined ? undefined : new Date(input.until);
  if (until && Number.isNaN(until.getTime())) throw badRequest('body.until', 'must be a date and time with its offset');
  const d = await lockDeadline(scope, caseId, deadlineId);
  if (d.state !== 'running' && d.state !== 'suspended') throw conflict(`the deadline is ${d.state}; only a running or suspended deadline can be extended`);
  // A paused clock's dates move by the pause when it resumes, so a fixed moment given now would
  // not be the moment it ends; a duration is.
  if (until && d.state === 'suspended') throw conflict('the deadline is suspended: extend it "by" a duration, or resume it before extending it "until" a moment');
  const previous = new Date(d.due_at);
  const dueAt = until ?? addDuration(previous, input.by!);
  if (dueAt.getTime() <= previous.getTime()) throw badRequest('body.until', `must be later than the current due date (${previous.toISOString()})`);
  const now = nowOf(scope);
  const warnAt = d.warn_before ? subtractDuration(dueAt, d.warn_before) : null;
  await scope.query(
    `UPDATE deadlines SET due_at = $2, warn_at = $3, warned_at = CASE WHEN $3::timestamptz > $4 THEN NULL ELSE warned_at END WHERE id = $1`,
    [d.id, dueAt, warnAt, now]);
  await record(scope, actor, d, 'extended', now, why, {
    previousDueAt: previous.toISOString(), dueAt: dueAt.toISOString(), ...(input.by ? { by: input.by } : {}),
  });
  return reread(scope, d.id);
}
