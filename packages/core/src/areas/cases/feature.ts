import { TOKENS, type CorePermission, type PlatformFeature } from '@ketenhuis/sdk';
import { caseReader } from './case-reader';
import { caseRoutes } from './routes';

// The permission opens the door; taking part in the case (or being the parket of its chain)
// decides which cases are behind it. The parket and the case director run cases; the police
// register them and add PVs; executing partners follow their cases and write notes.
const workers: CorePermission[] = ['core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note'];
const followers: CorePermission[] = ['core.case.read', 'core.case.note'];

export const casesFeature: PlatformFeature = {
  id: 'core.cases',
  permissions: ['core.case.read', 'core.case.register', 'core.case.update', 'core.case.link', 'core.case.note'],
  grants: {
    magistraat: workers, parketjurist: workers, parketcriminoloog: workers, 'administratief-medewerker': workers, casusregisseur: workers,
    'politie-inspecteur': ['core.case.read', 'core.case.register', 'core.case.update', 'core.case.note'],
    justitieassistent: followers, hulpverlener: followers,
  },
  providers: [{ token: TOKENS.Cases, useValue: caseReader }],
  routes: caseRoutes,
};
