import type { RouteDefinition } from '@ketenhuis/sdk';
import { organisationRoutes } from './organisation-routes';
import { protocolRoutes } from './protocol-routes';

export const partnerRoutes: RouteDefinition[] = [...organisationRoutes, ...protocolRoutes];
