import type { FunctionId } from '@ketenhuis/sdk';

/**
 * The functions a person can hold in a chain partner organisation (domain brief §1). Data, not
 * code paths: permissions attach to these through default grants (core's and each module's),
 * which a tenant may adjust (`function_grants`).
 */
export interface FunctionDefinition {
  id: FunctionId;
  label: { nl: string; fr: string; en: string };
}

/** Their labels, in the order of the SDK's FUNCTION_IDS (a test holds the two in step). */
export const FUNCTIONS: readonly FunctionDefinition[] = [
  { id: 'magistraat', label: { nl: 'Magistraat', fr: 'Magistrat', en: 'Magistrate' } },
  { id: 'parketcriminoloog', label: { nl: 'Parketcriminoloog', fr: 'Criminologue du parquet', en: 'Prosecution criminologist' } },
  { id: 'parketjurist', label: { nl: 'Parketjurist', fr: 'Juriste de parquet', en: 'Prosecution lawyer' } },
  { id: 'administratief-medewerker', label: { nl: 'Administratief medewerker', fr: 'Collaborateur administratif', en: 'Administrative officer' } },
  { id: 'politie-inspecteur', label: { nl: 'Politie-inspecteur', fr: 'Inspecteur de police', en: 'Police inspector' } },
  { id: 'justitieassistent', label: { nl: 'Justitieassistent', fr: 'Assistant de justice', en: 'Justice assistant' } },
  { id: 'casusregisseur', label: { nl: 'Casusregisseur', fr: 'Coordinateur de cas', en: 'Case coordinator' } },
  { id: 'hulpverlener', label: { nl: 'Hulpverlener', fr: 'Intervenant psychosocial', en: 'Care worker' } },
  { id: 'analist', label: { nl: 'Analist', fr: 'Analyste', en: 'Analyst' } },
  { id: 'tenant-beheerder', label: { nl: 'Beheerder van het district', fr: "Administrateur de l'arrondissement", en: 'District administrator' } },
];

const byId = new Map<string, FunctionDefinition>(FUNCTIONS.map((f) => [f.id, f]));

export const isFunction = (id: unknown): id is FunctionId => typeof id === 'string' && byId.has(id);
export const functionById = (id: string): FunctionDefinition | undefined => byId.get(id);
