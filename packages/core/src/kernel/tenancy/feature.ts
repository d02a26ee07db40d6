import type { PlatformFeature } from '@ketenhuis/sdk';
import { tenantRoutes } from './routes';

/** The district's own settings (its chains): read and changed by its tenant-beheerder only. */
export const tenancyFeature: PlatformFeature = {
  id: 'core.tenancy',
  permissions: ['core.tenant.read', 'core.tenant.manage'],
  grants: { 'tenant-beheerder': ['core.tenant.read', 'core.tenant.manage'] },
  routes: tenantRoutes,
};
