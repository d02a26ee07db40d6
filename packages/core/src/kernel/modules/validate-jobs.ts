import type { EventHandlerDefinition, QueueDefinition, ScheduleDefinition } from '@ketenhuis/sdk';
import { isCronPattern } from './cron-pattern';
import { DOTTED, entriesOf, isOwnName, quote, type ModuleCheck } from './validation-helpers';

/**
 * Queues, job schedulers and event handlers of one module. `queueOwners` is shared by all
 * modules: queue names are global in the queue backend.
 */
export function validateJobs(
  mod: { queues?: unknown; schedules?: unknown; eventHandlers?: unknown },
  { id, report }: ModuleCheck,
  queueOwners: Map<string, string>,
): void {
  const ownQueues = new Set<string>();
  for (const [q, i] of entriesOf<QueueDefinition>(mod.queues, 'queues', report)) {
    const field = `queues[${i}]`;
    if (!isOwnName(q.name, id)) report(`${field}.name`, `${quote(q.name)} must be "${id}.<concern>" in lower case`);
    const owner = queueOwners.get(q.name);
    if (owner === id) report(`${field}.name`, `queue "${q.name}" is declared twice`);
    else if (owner) report(`${field}.name`, `queue "${q.name}" is already registered by module "${owner}"`);
    else queueOwners.set(q.name, id);
    ownQueues.add(q.name);
    if (typeof q.process !== 'function') report(`${field}.process`, 'must be a function');
    if (q.concurrency !== undefined && !(Number.isInteger(q.concurrency) && q.concurrency >= 1)) {
      report(`${field}.concurrency`, `${quote(q.concurrency)} must be a positive integer`);
    }
  }

  const scheduleIds = new Set<string>();
  for (const [s, i] of entriesOf<ScheduleDefinition>(mod.schedules, 'schedules', report)) {
    const field = `schedules[${i}]`;
    // The id names the job scheduler per tenant (`<id>:<tenant>`), so no colon and no clash.
    if (!isOwnName(s.id, id, /^[a-z][a-z0-9-.]*$/)) report(`${field}.id`, `${quote(s.id)} must be "${id}.<name>" in lower case`);
    if (scheduleIds.has(s.id)) report(`${field}.id`, `duplicate schedule "${s.id}"`);
    scheduleIds.add(s.id);
    if (!ownQueues.has(s.queue)) report(`${field}.queue`, `unknown queue ${quote(s.queue)} (declare it in this module's queues)`);
    if (s.everyMs !== undefined) {
      if (s.cron !== undefined) report(`${field}`, 'has both cron and everyMs; give one');
      else if (!Number.isSafeInteger(s.everyMs) || s.everyMs < 1000) report(`${field}.everyMs`, `${quote(s.everyMs)} must be a whole number of milliseconds, at least 1000`);
    } else if (!isCronPattern(s.cron)) report(`${field}.cron`, `${quote(s.cron)} is not a cron pattern (5 fields, or 6 with seconds first; UTC)`);
    if (s.perTenant !== true) {
      report(`${field}.perTenant`, 'must be true: module data lives in tenants, so a schedule runs once per tenant that enabled the module (platform-wide schedules are not supported)');
    }
  }

  const handlerIds = new Set<string>();
  for (const [h, i] of entriesOf<EventHandlerDefinition>(mod.eventHandlers, 'eventHandlers', report)) {
    const field = `eventHandlers[${i}]`;
    if (!isOwnName(h.id, id, /^[a-z][a-z0-9-.]*$/)) report(`${field}.id`, `${quote(h.id)} must be "${id}.<name>" in lower case`);
    if (handlerIds.has(h.id)) report(`${field}.id`, `duplicate handler "${h.id}"`);
    handlerIds.add(h.id);
    if (typeof h.eventType !== 'string' || !DOTTED.test(h.eventType)) {
      report(`${field}.eventType`, `${quote(h.eventType)} is not an event type ("<module>.<event>", lower case, e.g. "${id}.case-registered")`);
    }
    if (typeof h.handle !== 'function') report(`${field}.handle`, 'must be a function');
  }
}
