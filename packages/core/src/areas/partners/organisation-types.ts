import type { LocalizedText } from '@ketenhuis/sdk';

export interface OrganisationType {
  id: string;
  label: Required<LocalizedText>;
  /** Police zones carry the 4-digit code that appears on every PV; no other type has one. */
  policeZoneCode: 'required' | 'not-allowed';
  /** Proposed when an organisation of this type is registered without saying (verify per partner). */
  professionalSecrecyDefault: boolean;
}

/**
 * The kinds of partner organisation a district works with (domain brief §1). Data, not code:
 * a new kind of partner is a new entry here, nothing else changes.
 */
export const organisationTypes: readonly OrganisationType[] = [
  { id: 'parket', label: { nl: 'Parket (openbaar ministerie)', fr: 'Parquet (ministère public)', en: "Public prosecutor's office" }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: false },
  { id: 'politiezone', label: { nl: 'Politiezone', fr: 'Zone de police', en: 'Police zone' }, policeZoneCode: 'required', professionalSecrecyDefault: false },
  { id: 'justitiehuis', label: { nl: 'Justitiehuis', fr: 'Maison de justice', en: 'Justice house' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'veilig-huis', label: { nl: 'Veilig Huis (Family Justice Center)', fr: 'Veilig Huis (Family Justice Center)', en: 'Family Justice Center (Veilig Huis)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: false },
  { id: 'caw', label: { nl: 'Centrum Algemeen Welzijnswerk (CAW)', fr: "Centre d'aide sociale générale (CAW)", en: 'General welfare centre (CAW)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'cgg', label: { nl: 'Centrum Geestelijke Gezondheidszorg (CGG)', fr: 'Centre de santé mentale (CGG)', en: 'Mental health centre (CGG)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'opgroeien', label: { nl: 'Opgroeien', fr: 'Opgroeien (agence flamande de la jeunesse)', en: 'Opgroeien (Flemish youth agency)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'vertrouwenscentrum-kindermishandeling', label: { nl: 'Vertrouwenscentrum Kindermishandeling', fr: "Centre de confiance pour enfants maltraités", en: 'Child abuse confidential centre' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'kind-en-gezin', label: { nl: 'Kind en Gezin', fr: 'Kind en Gezin (Enfance et Famille)', en: 'Kind en Gezin (Child and Family)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'clb', label: { nl: 'Centrum voor Leerlingenbegeleiding (CLB)', fr: "Centre d'encadrement des élèves (CLB)", en: 'Pupil guidance centre (CLB)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'ocmw-lokaal-bestuur', label: { nl: 'OCMW / lokaal bestuur', fr: 'CPAS / administration locale', en: 'Public social welfare centre / local government' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'gevangenis', label: { nl: 'Gevangenis', fr: 'Prison', en: 'Prison' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: false },
  { id: 'hca-dienst', label: { nl: 'HCA-dienst (herstelgericht en constructief aanbod)', fr: 'Service HCA (offre restauratrice et constructive)', en: 'HCA service (restorative and constructive offer)' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'zorgcentrum-na-seksueel-geweld', label: { nl: 'Zorgcentrum na Seksueel Geweld', fr: 'Centre de prise en charge des violences sexuelles', en: 'Sexual assault care centre' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: true },
  { id: 'andere', label: { nl: 'Andere', fr: 'Autre', en: 'Other' }, policeZoneCode: 'not-allowed', professionalSecrecyDefault: false },
];

const byId = new Map(organisationTypes.map((t) => [t.id, t]));

export function organisationType(id: string): OrganisationType | undefined {
  return byId.get(id);
}
