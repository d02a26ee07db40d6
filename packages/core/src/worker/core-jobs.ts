import { deadlineJobs } from '../deadlines/deadline-jobs';
import { idempotencyRetentionJobs } from '../http/idempotency-retention';
import { webhookJobs } from '../webhooks/jobs';
import type { CoreJobs } from './core-job-types';

export type { CoreEventHandler, CoreJobs, CoreQueue, CoreSchedule } from './core-job-types';

/** Each area adds its own list here. */
export function coreJobs(): CoreJobs {
  return {
    queues: [...deadlineJobs.queues, ...webhookJobs.queues, ...idempotencyRetentionJobs.queues],
    schedules: [...deadlineJobs.schedules, ...webhookJobs.schedules, ...idempotencyRetentionJobs.schedules],
    handlers: [...webhookJobs.handlers],
  };
}
