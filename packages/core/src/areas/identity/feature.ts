import type { PlatformFeature, RouteDefinition } from '@ketenhuis/sdk';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import { identityRoutes } from './routes';

/**
 * A write to users, memberships, grants or service accounts drops the district's resolved actors
 * in this process at once, so the writer's next request sees it; other processes drop theirs
 * when the database announces the change at commit (ActorCache).
 */
const dropsActors = (route: RouteDefinition): RouteDefinition => (route.method === 'get' ? route : {
  ...route,
  handle: (req, scope) => {
    scope.resolve(CORE_TOKENS.Actors).changed(scope.tenantId);
    return route.handle(req, scope);
  },
});

/** Users, memberships, functions' grants and service accounts: the tenant-beheerder's. */
export const identityFeature: PlatformFeature = {
  id: 'core.identity',
  permissions: ['core.identity.read', 'core.identity.manage'],
  grants: { 'tenant-beheerder': ['core.identity.read', 'core.identity.manage'] },
  routes: identityRoutes.map(dropsActors),
};
