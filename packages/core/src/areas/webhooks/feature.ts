import type { PlatformFeature } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../../kernel/config/config';
import { webhookJobs } from './jobs';
import { webhookRoutes } from './routes';

/** Subscriptions are set up for an organisation by the tenant-beheerder. */
export const webhooksFeature = (config: Pick<PlatformConfig, 'webhookSweepMs'>): PlatformFeature => ({
  id: 'core.webhooks',
  permissions: ['core.webhook.manage'],
  grants: { 'tenant-beheerder': ['core.webhook.manage'] },
  routes: webhookRoutes,
  ...webhookJobs(config),
});
