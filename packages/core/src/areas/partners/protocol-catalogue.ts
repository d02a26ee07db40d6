import type { LocalizedText } from '@ketenhuis/sdk';

export interface CatalogueEntry {
  id: string;
  label: Required<LocalizedText>;
}

/** Art. 458ter Sw.: a case consultation exists under a law or decree, or a reasoned authorisation of the prosecutor. */
export const legalBasisTypes: readonly CatalogueEntry[] = [
  { id: 'wet-of-decreet', label: { nl: 'Wet of decreet', fr: 'Loi ou décret', en: 'Law or decree' } },
  { id: 'gemotiveerde-machtiging-procureur', label: { nl: 'Gemotiveerde machtiging van de procureur des Konings', fr: 'Autorisation motivée du procureur du Roi', en: 'Reasoned authorisation of the public prosecutor' } },
];

/**
 * The purposes art. 458ter allows a case consultation for (domain brief §3; wording to verify
 * against the law, hence data). A protocol names one and describes it in its own words.
 */
export const protocolPurposes: readonly CatalogueEntry[] = [
  {
    id: 'bescherming-integriteit',
    label: {
      nl: 'De fysieke of psychische integriteit van personen of derden beschermen',
      fr: "Protéger l'intégrité physique ou psychique de personnes ou de tiers",
      en: 'Protecting the physical or psychological integrity of persons or third parties',
    },
  },
  { id: 'terrorisme', label: { nl: 'Terroristische misdrijven voorkomen', fr: 'Prévenir des infractions terroristes', en: 'Preventing terrorist offences' } },
  {
    id: 'georganiseerde-criminaliteit',
    label: {
      nl: 'Misdrijven in het kader van een criminele organisatie voorkomen',
      fr: "Prévenir des infractions commises dans le cadre d'une organisation criminelle",
      en: 'Preventing offences committed within a criminal organisation',
    },
  },
];

export const isProtocolPurpose = (id: string): boolean => protocolPurposes.some((p) => p.id === id);
