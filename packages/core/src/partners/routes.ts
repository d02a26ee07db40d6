import type { CoreRoute } from '../http/core-route';
import { organisationRoutes } from './organisation-routes';
import { protocolRoutes } from './protocol-routes';

export const partnerRoutes: CoreRoute[] = [...organisationRoutes, ...protocolRoutes];
