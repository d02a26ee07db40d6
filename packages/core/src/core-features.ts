import type { PlatformFeature } from '@ketenhuis/sdk';
import type { PlatformConfig } from './config/config';
import { tenantRoutes } from './tenancy/routes';
import { partnerRoutes } from './partners/routes';
import { personRoutes } from './persons/routes';
import { identityRoutes } from './identity/routes';
import { caseRoutes } from './cases/routes';
import { auditRoutes } from './audit/routes';
import { workflowRoutes } from './workflows/routes';
import { deadlineRoutes } from './deadlines/routes';
import { deadlineJobs } from './deadlines/deadline-jobs';
import { reportRoutes } from './reports/routes';
import { referralRoutes } from './referrals/routes';
import { notificationRoutes } from './notifications/routes';
import { webhookRoutes } from './webhooks/routes';
import { webhookJobs } from './webhooks/jobs';
import { idempotencyFeature } from './http/idempotency-retention';

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
