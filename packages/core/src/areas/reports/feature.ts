import type { PlatformFeature } from '@ketenhuis/sdk';
import { reportRoutes } from './routes';

/** Lead times and compliance: for those who steer the chain, never per person. */
export const reportsFeature: PlatformFeature = {
  id: 'core.reports',
  permissions: ['core.report.read'],
  grants: { magistraat: ['core.report.read'], parketjurist: ['core.report.read'], parketcriminoloog: ['core.report.read'], analist: ['core.report.read'], 'tenant-beheerder': ['core.report.read'] },
  routes: reportRoutes,
};
