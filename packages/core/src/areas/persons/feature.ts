import type { CorePermission, PlatformFeature } from '@ketenhuis/sdk';
import { personRoutes } from './routes';

// The parket and the police register and identify persons; care partners see names only, and
// the criminologist, who prepares decisions, identifies without registering.
const identifiers: CorePermission[] = ['core.person.read', 'core.person.register', 'core.person.read-identifier'];
const names: CorePermission[] = ['core.person.read'];

export const personsFeature: PlatformFeature = {
  id: 'core.persons',
  permissions: ['core.person.read', 'core.person.register', 'core.person.read-identifier'],
  grants: {
    magistraat: identifiers, parketjurist: identifiers, 'administratief-medewerker': identifiers, 'politie-inspecteur': identifiers,
    parketcriminoloog: ['core.person.read', 'core.person.read-identifier'],
    justitieassistent: names, casusregisseur: names, hulpverlener: names,
  },
  routes: personRoutes,
};
