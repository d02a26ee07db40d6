import type { CoreRoute } from './core-route';
import { tenantRoutes } from '../tenancy/routes';
import { partnerRoutes } from '../partners/routes';
import { personRoutes } from '../persons/routes';
import { identityRoutes } from '../identity/routes';
import { caseRoutes } from '../cases/routes';
import { auditRoutes } from '../audit/routes';
import { workflowRoutes } from '../workflows/routes';
import { deadlineRoutes } from '../deadlines/routes';
import { referralRoutes } from '../referrals/routes';
import { reportRoutes } from '../reports/routes';
import { notificationRoutes } from '../notifications/routes';
import { webhookRoutes } from '../webhooks/routes';

/**
 * Core's own handlers, one list per area (each area's routes live in its folder, its OpenAPI in
 * packages/contracts/openapi/core/<area>.yaml).
 */
export const coreRoutes: CoreRoute[] = [...tenantRoutes, ...partnerRoutes, ...personRoutes, ...identityRoutes, ...caseRoutes, ...auditRoutes, ...workflowRoutes, ...deadlineRoutes, ...reportRoutes, ...referralRoutes, ...notificationRoutes, ...webhookRoutes];
