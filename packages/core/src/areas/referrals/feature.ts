import type { CorePermission, PlatformFeature } from '@ketenhuis/sdk';
import { referralRoutes } from './routes';

// The parket and the case director send referrals; the executing partners and the case director
// answer the ones their organisation receives; everyone involved reads them.
const senders: CorePermission[] = ['core.referral.send', 'core.referral.read'];
const answerers: CorePermission[] = ['core.referral.read', 'core.referral.respond'];

export const referralsFeature: PlatformFeature = {
  id: 'core.referrals',
  permissions: ['core.referral.send', 'core.referral.read', 'core.referral.respond'],
  grants: {
    magistraat: senders, parketjurist: senders, parketcriminoloog: senders, 'administratief-medewerker': senders,
    casusregisseur: [...senders, 'core.referral.respond'],
    justitieassistent: answerers, hulpverlener: answerers,
  },
  routes: referralRoutes,
};
