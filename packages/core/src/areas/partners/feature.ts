import type { CorePermission, PlatformFeature } from '@ketenhuis/sdk';
import { partnerRoutes } from './routes';

// Whoever works a case or joins a case consultation reads who the partners are and on which legal
// basis they share; the tenant-beheerder keeps them up to date.
const readers: CorePermission[] = ['core.partner.read', 'core.protocol.read'];

export const partnersFeature: PlatformFeature = {
  id: 'core.partners',
  permissions: ['core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage'],
  grants: {
    magistraat: readers, parketjurist: readers, parketcriminoloog: readers, 'administratief-medewerker': readers,
    'politie-inspecteur': readers, justitieassistent: readers, casusregisseur: readers, hulpverlener: readers,
    analist: ['core.partner.read'],
    'tenant-beheerder': ['core.partner.read', 'core.partner.manage', 'core.protocol.read', 'core.protocol.manage'],
  },
  routes: partnerRoutes,
};
