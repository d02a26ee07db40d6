import type { CaseFieldDefinition } from '@ketenhuis/sdk';
import { label } from './labels';

/** The fields as a chain reads them (`ChainCase<SnelrechtFields>`): dates `YYYY-MM-DD`, date-times ISO 8601. */
export interface SnelrechtFields {
  pvDate: string;
  arrest: boolean;
  offenceCodes: string[];
  hearingDate: string;
  paymentDueDate: string;
  summonsHearingDate: string;
}

/**
 * What chain M keeps on a snelrecht case besides core's data. The PV number is no field: it is a
 * core external reference (kind `pv`), searchable and shared with referrals as such.
 */
export const snelrechtFields: Array<CaseFieldDefinition & { id: keyof SnelrechtFields }> = [
  {
    id: 'pvDate', type: 'date', requiredAtRegistration: true,
    title: label('Datum van het proces-verbaal', 'Date du procès-verbal', 'Date of the police report'),
  },
  {
    // Decides which decision clock runs: 48 hours with arrest, the chain's two months without.
    id: 'arrest', type: 'boolean', requiredAtRegistration: true,
    title: label('Aanhouding', 'Arrestation', 'Arrest'),
  },
  {
    // Offence codes differ per police and parket system; the pattern only keeps out what is
    // clearly no code. A district that standardises its codes can tighten it.
    id: 'offenceCodes', type: 'code-list', pattern: '^[0-9A-Z][0-9A-Z.-]{0,19}$',
    title: label('Codes van de feiten', 'Codes des faits', 'Offence codes'),
  },
  {
    id: 'hearingDate', type: 'datetime',
    title: label('Datum en uur van de hoorzitting', "Date et heure de l'audition", 'Date and time of the hearing'),
  },
  {
    // The term the magistrate set in the proposal (art. 216bis Sv.) or the settlement.
    id: 'paymentDueDate', type: 'date',
    title: label('Uiterste betaaldatum', 'Date limite de paiement', 'Payment due date'),
  },
  {
    id: 'summonsHearingDate', type: 'datetime',
    title: label('Zitting waarvoor opgeroepen (art. 216quater Sv.)', "Audience de comparution (art. 216quater C.i.cr.)", 'Court hearing summoned to (art. 216quater CCP)'),
  },
];
