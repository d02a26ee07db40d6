import type { PlatformFeature } from '@ketenhuis/sdk';
import type { PlatformConfig } from './kernel/config/config';
import { tenancyFeature } from './kernel/tenancy/feature';
import { idempotencyFeature } from './kernel/http/idempotency-retention';
import { partnersFeature } from './areas/partners/feature';
import { personsFeature } from './areas/persons/feature';
import { identityFeature } from './areas/identity/feature';
import { casesFeature } from './areas/cases/feature';
import { auditFeature } from './areas/audit/feature';
import { workflowsFeature } from './areas/workflows/feature';
import { deadlinesFeature } from './areas/deadlines/feature';
import { reportsFeature } from './areas/reports/feature';
import { referralsFeature } from './areas/referrals/feature';
import { notificationsFeature } from './areas/notifications/feature';
import { webhooksFeature } from './areas/webhooks/feature';

/**
 * Core's areas, each a feature in the SDK's shapes (permissions and grants, services, routes
 * under /api/v1, queues, schedules, event handlers): the one list the registry, the HTTP app and
 * the worker host read, beside the chains. Routes are mounted in this order. Each area's OpenAPI
 * is packages/contracts/openapi/core/<area>.yaml.
 */
export function coreFeatures(config: Pick<PlatformConfig, 'deadlineSweepMs' | 'webhookSweepMs' | 'idempotencyPurgeMs'>): PlatformFeature[] {
  return [
    tenancyFeature,
    partnersFeature,
    personsFeature,
    identityFeature,
    casesFeature,
    auditFeature,
    workflowsFeature,
    deadlinesFeature(config),
    reportsFeature,
    referralsFeature,
    notificationsFeature,
    webhooksFeature(config),
    idempotencyFeature(config),
  ];
}
