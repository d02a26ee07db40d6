import type { PublishedEvent } from './events';
import type { TenantScope } from './tenant-scope';

/** Job payloads carry ids (tenant, case, actor, correlation), never case content. */
export interface JobPayload {
  tenantId: string;
  correlationId?: string;
  [key: string]: string | number | boolean | null | undefined;
}

export interface JobContext<D extends JobPayload = JobPayload> {
  id: string;
  name: string;
  attempt: number;
  data: D;
}

/**
 * A queue and what its jobs carry: `QueueDefinition<{ tenantId: string; week?: string }>` types
 * `job.data` in `process`. The payload crossed Redis, so a field a caller may omit is optional and
 * a value still deserves the check a request body gets.
 */
export interface QueueDefinition<D extends JobPayload = JobPayload> {
  /** `<module id>.<concern>`, e.g. `m.hearing-roster`. */
  name: string;
  /** Runs inside the tenant unit of work of `data.tenantId`. */
  process(job: JobContext<D>, scope: TenantScope): Promise<void>;
  concurrency?: number;
}

/** Declares a queue with typed job data; the kernel holds it among queues of any payload. */
export const defineQueue = <D extends JobPayload>(queue: QueueDefinition<D>): QueueDefinition => queue as unknown as QueueDefinition;

/** A job scheduler: by a cron pattern (UTC), or every so many milliseconds; one of the two. */
export type ScheduleDefinition = {
  id: string;
  queue: string;
  /** One scheduler per tenant that enabled the module (every tenant, for core's own). */
  perTenant: boolean;
} & ({ cron: string; everyMs?: never } | { everyMs: number; cron?: never });

/**
 * Reacts to an outbox event; runs at most once per event in its own tenant unit of work. For a
 * core event type (`EventHandlerDefinition<'core.referral-completed'>`) the payload is typed.
 */
export interface EventHandlerDefinition<T extends string = string> {
  /** Stable name; part of the idempotency key, so never rename a handler that has run. */
  id: string;
  /** The event type it reacts to; core's own handlers may say `'*'` for every type. */
  eventType: T;
  /** Only events about these aggregates reach it: the others cost no transaction at all. */
  aggregateTypes?: string[];
  handle(event: PublishedEvent<T>, scope: TenantScope): Promise<void>;
}
