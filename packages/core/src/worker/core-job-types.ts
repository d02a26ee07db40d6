import type { EventHandlerDefinition, JobContext, TenantScope } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../config/config';

/**
 * Queues, schedules and event handlers of the platform itself (deadlines, webhooks, ...). They
 * run like a module's, in the tenant unit of work of the job's payload, but for every tenant:
 * core cannot be switched off.
 */
export interface CoreQueue {
  /** `core.<concern>`. */
  name: string;
  process(job: JobContext, scope: TenantScope): Promise<void>;
  concurrency?: number;
}

/** A job scheduler per tenant on a core queue, repeating every `everyMs(config)` milliseconds. */
export interface CoreSchedule {
  id: string;
  queue: string;
  everyMs(config: PlatformConfig): number;
}

/** Reacts to outbox events of a type, or of every type with `'*'`; exactly once per event. */
export interface CoreEventHandler extends Omit<EventHandlerDefinition, 'eventType'> {
  eventType: string | '*';
  /** Only events about these aggregates reach it: the others cost no transaction at all. */
  aggregateTypes?: string[];
}

export interface CoreJobs {
  queues: CoreQueue[];
  schedules: CoreSchedule[];
  handlers: CoreEventHandler[];
}
