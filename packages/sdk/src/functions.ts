/**
 * The functions a person can hold in a chain partner organisation (domain brief §1). Permissions
 * attach to these through default grants (core's and each chain's), which a district may adjust;
 * a grant to a function that does not exist is a compile error in a chain, not a boot failure.
 */
export const FUNCTION_IDS = [
  'magistraat', 'parketcriminoloog', 'parketjurist', 'administratief-medewerker', 'politie-inspecteur',
  'justitieassistent', 'casusregisseur', 'hulpverlener', 'analist', 'tenant-beheerder',
] as const;

export type FunctionId = (typeof FUNCTION_IDS)[number];
