import type { FieldError } from '@ketenhuis/sdk';
import { parseKbo } from '../../kernel/identifiers/kbo';
import { checkChains } from './field-checks';
import { organisationType } from './organisation-types';

/** An organisation's own fields, as stored (KBO as 10 plain digits). */
export interface OrganisationState {
  name: string;
  type: string;
  kbo: string | null;
  policeZoneCode: string | null;
  professionalSecrecy: boolean;
  chains: string[];
}

/** What a create, an update or an import row asks for; absent fields keep their current value. */
export type OrganisationChanges = Partial<OrganisationState>;

export const ORGANISATION_FIELDS = ['name', 'type', 'kbo', 'policeZoneCode', 'professionalSecrecy', 'chains'] as const;

/**
 * Applies changes to an organisation (or to nothing, for a new one) and checks the result as a
 * whole, so a rule that spans fields (a police zone needs its code) holds after any update.
 * Field names in the errors are relative (`kbo`); callers prefix them (`body.`, `row 3`).
 */
export function resolveOrganisation(changes: OrganisationChanges, current?: OrganisationState): { state: OrganisationState; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = (changes.name ?? current?.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) errors.push({ field: 'name', message: 'is required' });
  else if (name.length > 200) errors.push({ field: 'name', message: 'is longer than 200 characters' });

  const typeId = changes.type ?? current?.type ?? '';
  const type = organisationType(typeId);
  if (!typeId) errors.push({ field: 'type', message: 'is required' });
  else if (!type) errors.push({ field: 'type', message: `unknown organisation type "${typeId}" (see GET /api/v1/partners/organisation-types)` });

  let kbo = changes.kbo === undefined ? current?.kbo ?? null : changes.kbo;
  if (kbo !== null && changes.kbo !== undefined) {
    const parsed = parseKbo(kbo);
    if (parsed.ok) kbo = parsed.value;
    else errors.push({ field: 'kbo', message: `is not a valid enterprise (KBO) number: ${parsed.reason}` });
  }

  const policeZoneCode = changes.policeZoneCode === undefined ? current?.policeZoneCode ?? null : changes.policeZoneCode;
  if (policeZoneCode !== null && !/^\d{4}$/.test(policeZoneCode)) {
    errors.push({ field: 'policeZoneCode', message: 'must be the 4-digit code of the police zone' });
  } else if (type?.policeZoneCode === 'required' && policeZoneCode === null) {
    errors.push({ field: 'policeZoneCode', message: `is required for an organisation of type "${type.id}"` });
  } else if (type?.policeZoneCode === 'not-allowed' && policeZoneCode !== null) {
    errors.push({ field: 'policeZoneCode', message: `only police zones have a zone code, not an organisation of type "${type.id}"` });
  }

  const professionalSecrecy = changes.professionalSecrecy ?? current?.professionalSecrecy ?? type?.professionalSecrecyDefault ?? false;
  const chains = checkChains(changes.chains ?? current?.chains ?? [], 'chains', errors);
  return { state: { name, type: typeId, kbo, policeZoneCode, professionalSecrecy, chains }, errors };
}

/** The fields whose value differs between two states. */
export function changedOrganisationFields(before: OrganisationState, after: OrganisationState): (keyof OrganisationState)[] {
  return ORGANISATION_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}
