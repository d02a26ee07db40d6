import { defineCaseType, type DeadlineClock, type NotifyTarget, type WorkflowState, type WorkflowTransition } from '@ketenhuis/sdk';
import { snelrechtFields } from '../fields';
import { GUARDS } from '../guards';
import { CASE_TYPE_ID, label } from '../labels';
import { M_PERMISSIONS, type MPermission } from '../permissions';

/** State ids of the snelrecht workflow, named as the section says them. */
export const S = {
  intake: 'intake',
  hoorzitting: 'hoorzitting',
  sepot: 'sepot',
  praetoriaanseProbatie: 'praetoriaanse-probatie',
  vervalStrafvordering: 'verval-strafvordering-betaling',
  minnelijkeSchikking: 'onmiddellijke-minnelijke-schikking',
  bemiddeling: 'bemiddeling-en-maatregelen',
  oproeping: 'oproeping-bij-pv',
  onderzoeksrechter: 'onderzoeksrechter',
  heroverweging: 'heroverweging',
  opvolging: 'opvolging-uitvoering',
  afgesloten: 'afgesloten',
} as const;

export type SnelrechtState = (typeof S)[keyof typeof S];

/** What can be done on a snelrecht case; the compiler holds transitions and handlers to these. */
export type SnelrechtAction =
  | 'plan-hoorzitting' | 'beslis-sepot' | 'beslis-praetoriaanse-probatie' | 'beslis-verval-strafvordering'
  | 'beslis-minnelijke-schikking' | 'beslis-bemiddeling' | 'beslis-oproeping' | 'beslis-onderzoeksrechter'
  | 'registreer-betaling' | 'start-opvolging' | 'start-maatregel' | 'volg-vonnis-op' | 'stel-naleving-vast'
  | 'leg-voor-aan-magistraat' | 'sluit-af';

/** The magistrate's possible decisions: each is one state, and lead times measure to any of them. */
export const OUTCOME_STATES: SnelrechtState[] = [
  S.sepot, S.praetoriaanseProbatie, S.vervalStrafvordering, S.minnelijkeSchikking, S.bemiddeling, S.oproeping, S.onderzoeksrechter,
];

/** States in which a case waits for the magistrate's decision. */
const AWAITING_DECISION = [S.hoorzitting, S.heroverweging];

const states: WorkflowState<SnelrechtState>[] = [
  { id: S.intake, title: label('PV-intake', 'Réception du PV', 'Police report intake') },
  { id: S.hoorzitting, title: label('Hoorzitting', 'Audition', 'Hearing') },
  { id: S.sepot, title: label('Sepot', 'Classement sans suite', 'Dismissal') },
  { id: S.praetoriaanseProbatie, title: label('Praetoriaanse probatie', 'Probation prétorienne', 'Praetorian probation') },
  {
    id: S.vervalStrafvordering,
    title: label('Verval van de strafvordering tegen betaling (art. 216bis Sv.)', "Extinction de l'action publique moyennant paiement (art. 216bis C.i.cr.)", 'Lapse of prosecution against payment (art. 216bis CCP)'),
  },
  { id: S.minnelijkeSchikking, title: label('Onmiddellijke minnelijke schikking', 'Transaction immédiate', 'Immediate settlement') },
  { id: S.bemiddeling, title: label('Bemiddeling en maatregelen (art. 216ter Sv.)', 'Médiation et mesures (art. 216ter C.i.cr.)', 'Mediation and measures (art. 216ter CCP)') },
  { id: S.oproeping, title: label('Oproeping bij proces-verbaal (art. 216quater Sv.)', 'Convocation par procès-verbal (art. 216quater C.i.cr.)', 'Summons by police report (art. 216quater CCP)') },
  { id: S.onderzoeksrechter, title: label('Vordering tot gerechtelijk onderzoek', "Réquisition de mise à l'instruction", 'Referral to the investigating judge') },
  { id: S.heroverweging, title: label('Heroverweging door de magistraat', 'Réexamen par le magistrat', 'Reconsideration by the magistrate') },
  { id: S.opvolging, title: label('Opvolging van de uitvoering', "Suivi de l'exécution", 'Execution follow-up') },
  { id: S.afgesloten, title: label('Afgesloten', 'Clôturé', 'Closed'), final: true },
];

const { planHearing, decide, followUp, close } = M_PERMISSIONS;

const transitions: WorkflowTransition<SnelrechtState, SnelrechtAction, MPermission>[] = [
  {
    action: 'plan-hoorzitting', title: label('Hoorzitting plannen', "Fixer l'audition", 'Plan the hearing'),
    from: S.intake, to: S.hoorzitting, permission: planHearing,
    requiredFields: ['hearingDate'], setsFields: ['hearingDate'], guard: GUARDS.hearingNotInThePast,
  },
  // Without hearing the magistrate may dismiss, summon or refer to the investigating judge (with
  // arrest these are the decisions of the first 48 hours); the other outcomes need the suspect's
  // consent or presence, so they follow the hearing.
  {
    action: 'beslis-sepot', title: label('Seponeren', 'Classer sans suite', 'Dismiss'),
    from: [S.intake, ...AWAITING_DECISION], to: S.sepot, permission: decide,
  },
  {
    action: 'beslis-praetoriaanse-probatie', title: label('Praetoriaanse probatie opleggen', 'Imposer une probation prétorienne', 'Impose praetorian probation'),
    from: AWAITING_DECISION, to: S.praetoriaanseProbatie, permission: decide,
  },
  {
    action: 'beslis-verval-strafvordering', title: label('Verval tegen betaling voorstellen', 'Proposer une transaction pénale', 'Propose lapse against payment'),
    from: AWAITING_DECISION, to: S.vervalStrafvordering, permission: decide,
    requiredFields: ['paymentDueDate'], setsFields: ['paymentDueDate'], guard: GUARDS.paymentDueNotInThePast,
  },
  {
    action: 'beslis-minnelijke-schikking', title: label('Onmiddellijke minnelijke schikking', 'Transaction immédiate', 'Immediate settlement'),
    from: AWAITING_DECISION, to: S.minnelijkeSchikking, permission: decide,
    requiredFields: ['paymentDueDate'], setsFields: ['paymentDueDate'], guard: GUARDS.paymentDueNotInThePast,
  },
  {
    action: 'beslis-bemiddeling', title: label('Bemiddeling en maatregelen', 'Médiation et mesures', 'Mediation and measures'),
    from: AWAITING_DECISION, to: S.bemiddeling, permission: decide,
  },
  // Also when a payment proposal is not paid: the summons is the answer the law foresees.
  {
    action: 'beslis-oproeping', title: label('Oproepen bij proces-verbaal', 'Convoquer par procès-verbal', 'Summon by police report'),
    from: [S.intake, ...AWAITING_DECISION, S.vervalStrafvordering, S.minnelijkeSchikking], to: S.oproeping, permission: decide,
    requiredFields: ['summonsHearingDate'], setsFields: ['summonsHearingDate'], guard: GUARDS.summonsWindow,
  },
  {
    action: 'beslis-onderzoeksrechter', title: label('Onderzoeksrechter vorderen', "Requérir le juge d'instruction", 'Refer to the investigating judge'),
    from: [S.intake, ...AWAITING_DECISION], to: S.onderzoeksrechter, permission: decide,
  },
  {
    action: 'registreer-betaling', title: label('Betaling vastgesteld', 'Paiement constaté', 'Payment recorded'),
    from: [S.vervalStrafvordering, S.minnelijkeSchikking], to: S.afgesloten, permission: followUp,
  },
  {
    action: 'start-opvolging', title: label('Opvolging van de voorwaarden starten', 'Commencer le suivi des conditions', 'Start following up the conditions'),
    from: S.praetoriaanseProbatie, to: S.opvolging, permission: followUp,
  },
  // The platform takes it when the justitiehuis starts the measure (core.referral-started).
  {
    action: 'start-maatregel', title: label('Maatregel gestart', 'Mesure commencée', 'Measure started'),
    from: S.bemiddeling, to: S.opvolging, permission: followUp,
  },
  {
    action: 'volg-vonnis-op', title: label('Uitvoering van het vonnis opvolgen', "Suivre l'exécution du jugement", 'Follow up the judgment'),
    from: S.oproeping, to: S.opvolging, permission: followUp,
  },
  // The platform takes it when the justitiehuis reports the measure completed.
  {
    action: 'stel-naleving-vast', title: label('Naleving vastgesteld', 'Respect constaté', 'Compliance established'),
    from: S.opvolging, to: S.afgesloten, permission: followUp,
  },
  // Refused or failed measures, conditions not met: back to the magistrate, who decides anew
  // (e.g. a summons, for which only a person can choose the hearing date).
  {
    action: 'leg-voor-aan-magistraat', title: label('Voorleggen aan de magistraat', 'Soumettre au magistrat', 'Refer back to the magistrate'),
    from: [S.bemiddeling, S.opvolging], to: S.heroverweging, permission: followUp,
  },
  {
    action: 'sluit-af', title: label('Afsluiten', 'Clôturer', 'Close'),
    from: [S.sepot, S.onderzoeksrechter, S.oproeping], to: S.afgesloten, permission: close,
  },
];

const parketMagistrate: NotifyTarget = { organisationType: 'parket', function: 'magistraat' };
const parket: NotifyTarget = { organisationType: 'parket' };

/**
 * Defaults a district may change (deadline settings, key `m:snelrecht:<clock id>`). The README
 * names the source of each; those marked (verify) there come from practice, not the law.
 */
export const clocks: DeadlineClock<SnelrechtState>[] = [
  {
    // Art. 12 Gw. and art. 1-2 Wet Voorlopige Hechtenis: 48 hours from the deprivation of liberty.
    // The PV date has no hour; running from the start of that day ends the clock no later than
    // the legal term when the arrest was on the PV date.
    id: 'beslissing-met-aanhouding',
    title: label('Beslissing binnen 48 uur na de aanhouding', "Décision dans les 48 heures de l'arrestation", 'Decision within 48 hours of the arrest'),
    state: [S.intake, S.hoorzitting], duration: 'PT48H', runsFrom: { field: 'pvDate' }, when: { field: 'arrest', equals: true },
    warnBefore: 'PT12H', onExpiry: 'escalate',
    warn: [parketMagistrate, { organisationType: 'politiezone' }], expiry: [parketMagistrate],
  },
  {
    // The section's own norm for cases without arrest (domain brief §2), not a legal term.
    id: 'beslissing-zonder-aanhouding',
    title: label('Beslissing binnen twee maanden na het PV', 'Décision dans les deux mois du procès-verbal', 'Decision within two months of the police report'),
    state: [S.intake, S.hoorzitting], duration: 'P2M', runsFrom: { field: 'pvDate' }, when: { field: 'arrest', equals: false },
    warnBefore: 'P7D', onExpiry: 'notify', warn: [parket], expiry: [parketMagistrate],
  },
  {
    // The payment term itself is the magistrate's (paymentDueDate); this clock is the margin
    // for the payment to be confirmed after it before the parket must act (summons).
    id: 'betalingstermijn',
    title: label('Betaling vaststellen na de betaaltermijn', 'Constater le paiement après le délai', 'Confirm payment after the payment term'),
    state: [S.vervalStrafvordering, S.minnelijkeSchikking], duration: 'P15D', runsFrom: { field: 'paymentDueDate' },
    warnBefore: 'P8D', onExpiry: 'notify', warn: [parket], expiry: [parketMagistrate],
  },
  {
    // Art. 216quater Sv.: the hearing lies within two months of the summons, so by then the
    // court's answer should be recorded.
    id: 'oproeping-termijn',
    title: label('Zitting binnen twee maanden na de oproeping', 'Audience dans les deux mois de la convocation', 'Hearing within two months of the summons'),
    state: S.oproeping, duration: 'P2M', runsFrom: 'stateEntered', warnBefore: 'P7D', onExpiry: 'notify', warn: [parket], expiry: [parket],
  },
];

export const snelrecht = defineCaseType({
  id: CASE_TYPE_ID,
  title: label('Snelrechtdossier', 'Dossier de procédure accélérée', 'Fast-track case'),
  fields: snelrechtFields,
  workflow: { initial: S.intake, states, transitions, clocks },
});
