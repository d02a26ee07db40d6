import type { LocalizedText, ReferralState, ReferralTypeDefinition } from '@ketenhuis/sdk';

/** What the receiving organisation does with a referral; sending it is the case side's act. */
export type ReferralAction = 'receive' | 'accept' | 'refuse' | 'start' | 'complete' | 'fail';

export interface ReferralStep {
  from: ReferralState;
  to: ReferralState;
  /** Refusing and failing say why; the sending side has to decide what happens next. */
  needsReason: boolean;
}

/** sent → received → accepted | refused; accepted → started → completed | failed. */
export const REFERRAL_STEPS: Readonly<Record<ReferralAction, ReferralStep>> = {
  receive: { from: 'sent', to: 'received', needsReason: false },
  accept: { from: 'received', to: 'accepted', needsReason: false },
  refuse: { from: 'received', to: 'refused', needsReason: true },
  start: { from: 'accepted', to: 'started', needsReason: false },
  complete: { from: 'started', to: 'completed', needsReason: false },
  fail: { from: 'started', to: 'failed', needsReason: true },
};

const REFERRAL_ACTIONS = Object.keys(REFERRAL_STEPS) as ReferralAction[];

export const actionsFrom = (state: string): ReferralAction[] => REFERRAL_ACTIONS.filter((a) => REFERRAL_STEPS[a].from === state);

/** The column that holds the moment a referral reached each state. */
export const STATE_TIME_COLUMN: Readonly<Record<ReferralState, string>> = {
  sent: 'sent_at', received: 'received_at', accepted: 'accepted_at', refused: 'refused_at',
  started: 'started_at', completed: 'completed_at', failed: 'failed_at',
};

export const STATE_TITLES: Readonly<Record<ReferralState, LocalizedText>> = {
  sent: { nl: 'Verzonden', fr: 'Envoyée', en: 'Sent' },
  received: { nl: 'Ontvangen', fr: 'Reçue', en: 'Received' },
  accepted: { nl: 'Aanvaard', fr: 'Acceptée', en: 'Accepted' },
  refused: { nl: 'Geweigerd', fr: 'Refusée', en: 'Refused' },
  started: { nl: 'Gestart', fr: 'Commencée', en: 'Started' },
  completed: { nl: 'Afgerond', fr: 'Terminée', en: 'Completed' },
  failed: { nl: 'Mislukt', fr: 'Échouée', en: 'Failed' },
};

/** Every state of a referral, in the order it goes through them. */
export const REFERRAL_STATES = Object.keys(STATE_TITLES) as readonly ReferralState[];

/** What the receiver is expected to do while a referral waits in a state (a deadline's title). */
export const WAITING_FOR: Readonly<Partial<Record<ReferralState, LocalizedText>>> = {
  sent: { nl: 'ontvangst bevestigen', fr: 'accuser réception', en: 'acknowledge receipt' },
  received: { nl: 'aanvaarden of weigeren', fr: 'accepter ou refuser', en: 'accept or refuse' },
  accepted: { nl: 'maatregel starten', fr: 'commencer la mesure', en: 'start the measure' },
  started: { nl: 'maatregel afronden', fr: 'terminer la mesure', en: 'complete the measure' },
};

/** The title of a referral type's deadline in a state it waits in: the type and what is awaited. */
export function deadlineTitle(type: ReferralTypeDefinition, state: ReferralState): LocalizedText {
  const waiting = WAITING_FOR[state]!;
  return {
    nl: `${type.title.nl}: ${waiting.nl}`,
    fr: `${type.title.fr ?? type.title.nl} : ${waiting.fr}`,
    en: `${type.title.en ?? type.title.nl}: ${waiting.en}`,
  };
}
