import { defineChainModule, type LocalizedText } from '@ketenhuis/sdk';
import { migrations } from './migrations';

/** A label in the order users read them: Dutch, French, English. */
const label = (nl: string, fr: string, en: string): LocalizedText => ({ nl, fr, en });

export const CHAIN_ID = '{{id}}';

/** `<chain>.<resource>.<verb>`. Registering and reading cases are core's permissions. */
export const PERMISSIONS = {
  close: '{{id}}.case.close',
} as const;

/** Chain {{id}}: what it is for, who works in it (see README.md). */
export const chainModule = defineChainModule({
  id: CHAIN_ID,
  title: label('Keten {{id}}', 'Chaîne {{id}}', 'Chain {{id}}'),
  version: '0.1.0',
  permissions: Object.values(PERMISSIONS),
  // Default grants per function; a district adjusts them.
  grants: { magistraat: [PERMISSIONS.close] },
  caseTypes: [{
    id: 'dossier',
    title: label('Dossier', 'Dossier', 'Case file'),
    workflow: {
      initial: 'open',
      states: [
        { id: 'open', title: label('Open', 'Ouvert', 'Open') },
        { id: 'afgesloten', title: label('Afgesloten', 'Clôturé', 'Closed'), final: true },
      ],
      transitions: [
        { action: 'sluit-af', title: label('Afsluiten', 'Clôturer', 'Close'), from: 'open', to: 'afgesloten', permission: PERMISSIONS.close },
      ],
    },
  }],
  migrations,
});

export default chainModule;
