import type { PlatformFeature } from '@ketenhuis/sdk';
import { auditRoutes } from './routes';

/** The district's audit trail and a person's subject-access export: the tenant-beheerder's. */
export const auditFeature: PlatformFeature = {
  id: 'core.audit',
  permissions: ['core.audit.read', 'core.audit.export'],
  grants: { 'tenant-beheerder': ['core.audit.read', 'core.audit.export'] },
  routes: auditRoutes,
};
