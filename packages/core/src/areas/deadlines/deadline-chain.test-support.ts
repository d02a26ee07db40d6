import { defineChainModule } from '@ketenhuis/sdk';

const label = (nl: string) => ({ nl, fr: nl, en: nl });

/** One clock of 48 hours with a warning 12 hours before; shared by a test and its worker processes. */
export const deadlineTestChain = defineChainModule({
  id: 'termijn', title: label('Testketen termijnen'), version: '1.0.0', permissions: ['termijn.case.close'],
  caseTypes: [{
    id: 'termijn-dossier', title: label('Termijndossier'),
    workflow: {
      initial: 'open',
      states: [{ id: 'open', title: label('Open') }, { id: 'dicht', title: label('Dicht'), final: true }],
      transitions: [{ action: 'sluit', from: 'open', to: 'dicht', permission: 'termijn.case.close' }],
      clocks: [{ id: 'behandeling', title: label('Behandeltermijn'), state: 'open', duration: 'PT48H', runsFrom: 'stateEntered', warnBefore: 'PT12H', onExpiry: 'notify' }],
    },
  }],
});
