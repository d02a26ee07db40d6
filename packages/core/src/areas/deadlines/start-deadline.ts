import { TOKENS, type LocalizedText, type NotifyTarget, type TenantScope } from '@ketenhuis/sdk';
import { settingFor } from './deadline-settings';
import { addDuration, isPositiveDuration, subtractDuration } from '../../kernel/values/duration';

/** A deadline another area (a referral, a workflow clock) asks core to keep. */
export interface DeadlineStart {
  caseId: string;
  referralId?: string;
  /** Where it comes from: `clock:<chain>:<caseType>:<clockId>` or `referral:<type>:<state>`. */
  source: string;
  title: LocalizedText;
  /** ISO 8601 default; the tenant's setting for `settingKey` wins when there is one. */
  duration: string;
  settingKey?: string;
  /** Default: now, by the platform clock. */
  startsAt?: Date;
  warnBefore?: string;
  onExpiry: 'notify' | 'escalate';
  warn?: NotifyTarget[];
  expiry?: NotifyTarget[];
  /**
   * Organisations told at the warning point and at expiry, besides the targets. Without targets,
   * only these are told (the default audience, every participant, applies when neither is given).
   */
  notifyOrganisationIds?: string[];
}

const nowOf = (scope: TenantScope) => scope.resolve(TOKENS.Clock).now();

/**
 * Stores a running deadline in the caller's transaction and returns its id: it exists exactly
 * when what started it committed. Due date and warning point are fixed here, from the district's
 * setting if it has one, so a later change of the setting leaves running deadlines alone.
 */
export async function startDeadline(scope: TenantScope, d: DeadlineStart): Promise<string> {
  const setting = d.settingKey ? await settingFor(scope, d.settingKey) : undefined;
  const duration = setting?.duration ?? d.duration;
  const warnBefore = setting?.warnBefore ?? d.warnBefore ?? null;
  // A module's durations are checked when it loads and settings when they are saved: a bad one
  // here is a programming error, not the caller's input.
  if (!isPositiveDuration(duration)) throw new Error(`Deadline ${d.source}: "${duration}" is not a non-zero ISO 8601 duration of at most 100 years`);
  if (warnBefore !== null && !isPositiveDuration(warnBefore)) throw new Error(`Deadline ${d.source}: "${warnBefore}" is not a non-zero ISO 8601 duration of at most 100 years`);
  const startedAt = d.startsAt ?? nowOf(scope);
  const dueAt = addDuration(startedAt, duration);
  const warnAt = warnBefore ? subtractDuration(dueAt, warnBefore) : null;
  const [row] = await scope.query<{ id: string }>(
    `INSERT INTO deadlines (tenant_id, case_id, referral_id, source, setting_key, title, duration, warn_before, started_at, due_at, warn_at,
       on_expiry, warn_targets, expiry_targets, notify_organisation_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [scope.tenantId, d.caseId, d.referralId ?? null, d.source, d.settingKey ?? null, JSON.stringify(d.title), duration, warnBefore,
      startedAt, dueAt, warnAt, d.onExpiry, JSON.stringify(d.warn ?? []), JSON.stringify(d.expiry ?? []), d.notifyOrganisationIds ?? []]);
  return row.id;
}

/**
 * Stops the deadlines that match, in the caller's transaction, and returns how many stopped.
 * A running or suspended one becomes `met` or `cancelled`; an expired one stays expired and
 * records when it was met after all (late). At least a case or a referral must be named.
 */
export async function stopDeadlines(scope: TenantScope, where: { caseId?: string; referralId?: string; sources?: string[] }, outcome: 'met' | 'cancelled'): Promise<number> {
  if (!where.caseId && !where.referralId) throw new Error('stopDeadlines needs a caseId or a referralId');
  const now = nowOf(scope);
  const rows = await scope.query<{ id: string }>(
    `WITH s AS (
       UPDATE deadlines SET
         state = CASE WHEN state = 'expired' THEN state ELSE $1 END,
         -- Time suspended until now counts as suspended, so the record of pauses stays whole.
         suspended_ms = suspended_ms + CASE WHEN state = 'suspended' THEN greatest(0, (extract(epoch FROM $2::timestamptz - suspended_at) * 1000)::bigint) ELSE 0 END,
         suspended_at = NULL,
         stopped_at = $2
       WHERE state IN ('running', 'suspended', 'expired') AND stopped_at IS NULL
         AND ($3::uuid IS NULL OR case_id = $3) AND ($4::uuid IS NULL OR referral_id = $4) AND ($5::text[] IS NULL OR source = ANY ($5))
       RETURNING id)
     SELECT id FROM s`,
    [outcome, now, where.caseId ?? null, where.referralId ?? null, where.sources ?? null]);
  return rows.length;
}
