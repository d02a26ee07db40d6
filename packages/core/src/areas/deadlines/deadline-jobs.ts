import { TOKENS, defineQueue, type PlatformFeature, type TenantScope } from '@ketenhuis/sdk';
import { applyPhase, type DeadlinePhase } from './deadline-effects';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import type { PlatformConfig } from '../../kernel/config/config';

export const DEADLINES_QUEUE = 'core.deadlines';
const SWEEP = 'core.deadlines.sweep';

/** A sweep carries its district only; a phase job names the deadline it wakes. */
interface DeadlineJobData {
  tenantId: string;
  deadlineId?: string;
  [key: string]: string | undefined;
}

/** How many due phases one sweep hands out; the next sweep takes the rest. */
const SWEEP_BATCH = 5_000;

/** Sweeps per round: within a round a due phase is queued once (see the job id below). */
const SWEEPS_PER_ROUND = 5;

/**
 * Finds the warnings and expiries that are due by the platform clock and queues one job per
 * deadline and phase. Jobs only wake the platform: whatever Redis loses, a later sweep finds
 * again in the rows.
 *
 * The job id keeps a phase from being queued again while its job waits, within a round of a few
 * sweeps (by the machine's time: this is about queue traffic, not legal time). A job Redis lost
 * halfway (its record left behind without its place in a list) would otherwise hold its id, and
 * the phase, forever; in the next round the phase is queued anew. A repeat costs nothing: the
 * claim on the row (applyPhase) lets only one job apply it.
 */
async function sweep(scope: TenantScope): Promise<void> {
  const now = scope.resolve(TOKENS.Clock).now();
  const round = Math.floor(Date.now() / (SWEEPS_PER_ROUND * scope.resolve(CORE_TOKENS.Config).deadlineSweepMs));
  // A deadline found past its due date is told it expired; a warning for it would come too late.
  const due = await scope.query<{ id: string; phase: DeadlinePhase; at: Date }>(
    `SELECT id, CASE WHEN due_at <= $1 THEN 'expiry' ELSE 'warning' END AS phase, CASE WHEN due_at <= $1 THEN due_at ELSE warn_at END AS at
     FROM deadlines
     WHERE state = 'running' AND (due_at <= $1 OR (warned_at IS NULL AND warn_at <= $1))
     ORDER BY at LIMIT ${SWEEP_BATCH}`, [now]);
  if (!due.length) return;
  const queue = scope.resolve(CORE_TOKENS.QueueFactory).queue(DEADLINES_QUEUE);
  await queue.addBulk(due.map((d) => ({
    name: d.phase,
    data: { tenantId: scope.tenantId, deadlineId: d.id } satisfies DeadlineJobData,
    // Finished or failed jobs are dropped at once: whatever is still due then (a job that failed
    // every attempt, or found its deadline suspended for a moment) the next sweep queues again.
    opts: { jobId: `deadline.${d.id}.${d.phase}.${new Date(d.at).getTime()}.${round}`, removeOnComplete: true, removeOnFail: true },
  })));
}

const deadlinesQueue = defineQueue<DeadlineJobData>({
  name: DEADLINES_QUEUE,
  concurrency: 10,
  async process(job, scope) {
    if (job.name === SWEEP) return sweep(scope);
    if ((job.name === 'warning' || job.name === 'expiry') && typeof job.data.deadlineId === 'string') {
      await applyPhase(scope, job.data.deadlineId, job.name);
      return;
    }
    throw new Error(`Unknown job ${job.name} on ${DEADLINES_QUEUE}`);
  },
});

/** The deadline area's jobs: its queue, and a sweep per district every `deadlineSweepMs`. */
export const deadlineJobs = (config: Pick<PlatformConfig, 'deadlineSweepMs'>): Required<Pick<PlatformFeature, 'queues' | 'schedules'>> => ({
  queues: [deadlinesQueue],
  schedules: [{ id: SWEEP, queue: DEADLINES_QUEUE, everyMs: config.deadlineSweepMs, perTenant: true }],
});
