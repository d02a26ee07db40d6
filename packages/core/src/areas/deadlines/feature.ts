import { TOKENS, type CorePermission, type PlatformFeature } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../../kernel/config/config';
import { deadlineJobs } from './deadline-jobs';
import { deadlineReader } from './deadline-reader';
import { deadlineRoutes } from './routes';

// Whoever reads a case reads its deadlines; those who run the case (the parket, the case
// director) suspend and extend them; the tenant-beheerder sets the district's durations.
const runners: CorePermission[] = ['core.deadline.read', 'core.deadline.manage'];
const readers: CorePermission[] = ['core.deadline.read'];

export const deadlinesFeature = (config: Pick<PlatformConfig, 'deadlineSweepMs'>): PlatformFeature => ({
  id: 'core.deadlines',
  permissions: ['core.deadline.read', 'core.deadline.manage', 'core.deadline.configure'],
  grants: {
    magistraat: runners, parketjurist: runners, 'administratief-medewerker': runners, casusregisseur: runners,
    parketcriminoloog: readers, 'politie-inspecteur': readers, justitieassistent: readers, hulpverlener: readers,
    'tenant-beheerder': ['core.deadline.configure'],
  },
  providers: [{ token: TOKENS.Deadlines, useValue: deadlineReader }],
  routes: deadlineRoutes,
  ...deadlineJobs(config),
});
