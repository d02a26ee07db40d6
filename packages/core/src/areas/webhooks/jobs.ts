import type { PlatformFeature } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../../kernel/config/config';
import { webhookFanOut } from './fan-out';
import { sweepWebhookDeliveries } from './sender';

export const WEBHOOK_QUEUE = 'core.webhooks';

/**
 * The fan-out turns events into delivery rows; a sweep per tenant every `webhookSweepMs` sends
 * the due ones. Two sweeps at a time per worker: each holds its idle job transaction plus, for
 * a moment, a short one, so webhooks never take more than four connections of the pool.
 */
export const webhookJobs = (config: Pick<PlatformConfig, 'webhookSweepMs'>): Required<Pick<PlatformFeature, 'queues' | 'schedules' | 'eventHandlers'>> => ({
  queues: [{
    name: WEBHOOK_QUEUE,
    concurrency: 2,
    async process(_job, scope) {
      await sweepWebhookDeliveries(scope);
    },
  }],
  schedules: [{ id: 'core.webhooks.sweep', queue: WEBHOOK_QUEUE, everyMs: config.webhookSweepMs, perTenant: true }],
  eventHandlers: [webhookFanOut],
});
