import type { ReferralTypeDefinition, SharedCaseData } from '@ketenhuis/sdk';
import { label } from './labels';

export const REFERRAL_TYPES = {
  bemiddeling: 'bemiddeling-en-maatregelen',
  werkstraf: 'werkstraf',
  probatie: 'probatie-opvolging',
} as const;

/** What a justitiehuis needs to contact the person and know what the measure is about. */
const justitiehuisView: SharedCaseData[] = ['reference', 'externalReferences', 'subjects', 'field:pvDate', 'field:offenceCodes'];

/**
 * Deadlines per referral state are defaults a district may change; they come from the
 * cooperation agreements of the section with the justitiehuizen, not from the law (verify).
 */
export const referralTypes: ReferralTypeDefinition[] = [
  {
    // Art. 216ter Sv.: the parket's mandate to the justitiehuis; the justice assistant reaches an
    // agreement with the person, the measure (training, therapy, community service) runs, the
    // prosecution lapses when it is completed.
    id: REFERRAL_TYPES.bemiddeling,
    title: label('Bemiddeling en maatregelen', 'Médiation et mesures', 'Mediation and measures'),
    receiverTypes: ['justitiehuis'],
    sharedCaseData: justitiehuisView,
    deadlines: { sent: 'P2D', received: 'P5D', accepted: 'P14D', started: 'P6M' },
  },
  {
    // A community service sentence after the summons; executed within twelve months (verify).
    id: REFERRAL_TYPES.werkstraf,
    title: label('Werkstraf', 'Peine de travail', 'Community service'),
    receiverTypes: ['justitiehuis'],
    sharedCaseData: justitiehuisView,
    deadlines: { sent: 'P2D', received: 'P5D', accepted: 'P14D', started: 'P12M' },
  },
  {
    // Probation conditions of a judgment; the probation period is the court's, so no default
    // for how long it runs.
    id: REFERRAL_TYPES.probatie,
    title: label('Opvolging probatievoorwaarden', 'Suivi des conditions probatoires', 'Probation follow-up'),
    receiverTypes: ['justitiehuis'],
    sharedCaseData: justitiehuisView,
    deadlines: { sent: 'P2D', received: 'P5D', accepted: 'P14D' },
  },
];
