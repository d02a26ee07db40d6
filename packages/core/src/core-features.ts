import type { PlatformFeature } from '@ketenhuis/sdk';
import type { PlatformConfig } from './kernel/config/config';
import { tenantRoutes } from './kernel/tenancy/routes';
import { partnerRoutes } from './areas/partners/routes';
import { personRoutes } from './areas/persons/routes';
import { identityRoutes } from './areas/identity/routes';
import { caseRoutes } from './areas/cases/routes';
import { auditRoutes } from './areas/audit/routes';
import { workflowRoutes } from './areas/workflows/routes';
import { deadlineRoutes } from './areas/deadlines/routes';
import { deadlineJobs } from './areas/deadlines/deadline-jobs';
import { reportRoutes } from './areas/reports/routes';
import { referralRoutes } from './areas/referrals/routes';
import { notificationRoutes } from './areas/notifications/routes';
import { webhookRoutes } from './areas/webhooks/routes';
import { webhookJobs } from './areas/webhooks/jobs';
import { idempotencyFeature } from './kernel/http/idempotency-retention';

/**
 * Core's areas, each a feature in the SDK's shapes (routes under /api/v1, queues, schedules, event
 * handlers): the one list the HTTP app and the worker host read, beside the chains. Routes are
 * mounted in this order. Each area's OpenAPI is packages/contracts/openapi/core/<area>.yaml.
 */
export function coreFeatures(config: PlatformConfig): PlatformFeature[] {
  return [
    { id: 'core.tenancy', routes: tenantRoutes },
    { id: 'core.partners', routes: partnerRoutes },
    { id: 'core.persons', routes: personRoutes },
    { id: 'core.identity', routes: identityRoutes },
    { id: 'core.cases', routes: caseRoutes },
    { id: 'core.audit', routes: auditRoutes },
    { id: 'core.workflows', routes: workflowRoutes },
    { id: 'core.deadlines', routes: deadlineRoutes, ...deadlineJobs(config) },
    { id: 'core.reports', routes: reportRoutes },
    { id: 'core.referrals', routes: referralRoutes },
    { id: 'core.notifications', routes: notificationRoutes },
    { id: 'core.webhooks', routes: webhookRoutes, ...webhookJobs(config) },
    idempotencyFeature(config),
  ];
}
