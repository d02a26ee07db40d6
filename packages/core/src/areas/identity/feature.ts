import type { PlatformFeature } from '@ketenhuis/sdk';
import { identityRoutes } from './routes';

/** Users, memberships, functions' grants and service accounts: the tenant-beheerder's. */
export const identityFeature: PlatformFeature = {
  id: 'core.identity',
  permissions: ['core.identity.read', 'core.identity.manage'],
  grants: { 'tenant-beheerder': ['core.identity.read', 'core.identity.manage'] },
  routes: identityRoutes,
};
