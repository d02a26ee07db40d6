import type { FieldError } from '@ketenhuis/sdk';
import { FUNCTIONS, isFunction } from '../identity/functions';
import { checkChains, isIsoDuration } from './field-checks';
import { isProtocolPurpose } from './protocol-catalogue';
import { isCalendarDate } from '../../kernel/values/calendar-date';

export type LegalBasisType = 'wet-of-decreet' | 'gemotiveerde-machtiging-procureur';

/**
 * A 458ter protocol: the legal basis of case consultations, fixing who may take part, for what
 * purpose and how (domain brief §3). Dates are `YYYY-MM-DD`.
 */
export interface ProtocolState {
  title: string;
  legalBasis: { type: LegalBasisType; reference: string };
  purpose: { code: string; description: string };
  participants: { organisationId: string; function: string }[];
  modalities: { chairOrganisationId: string; frequency: string; minutes: boolean; retentionPeriod: string };
  validity: { from: string; until?: string };
  chains: string[];
  parties: { organisationId: string; signedOn?: string }[];
}

export type ProtocolChanges = Partial<ProtocolState>;

export const PROTOCOL_FIELDS = ['title', 'legalBasis', 'purpose', 'participants', 'modalities', 'validity', 'chains', 'parties'] as const;
const REQUIRED = ['title', 'legalBasis', 'purpose', 'participants', 'modalities', 'validity'] as const;

/**
 * Applies changes (whole top-level fields) to a protocol, or to nothing for a new one, and checks
 * what the schema cannot. Whether the organisations exist is the store's part (it needs the
 * database). Field names are relative (`participants.1.function`).
 */
export function resolveProtocol(changes: ProtocolChanges, current?: ProtocolState): { state: ProtocolState; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const merged = { chains: [], parties: [], ...current, ...definedOnly(changes) } as ProtocolState;
  for (const f of REQUIRED) {
    if (merged[f] === undefined) errors.push({ field: f, message: 'is required' });
  }
  if (errors.length) return { state: merged, errors };
  const { legalBasis, purpose, participants, modalities, validity, parties } = merged;

  const title = (merged.title ?? '').trim();
  if (!title) errors.push({ field: 'title', message: 'is required' });
  // No consultation without a recorded legal basis (art. 458ter §1).
  if (!legalBasis.reference?.trim()) errors.push({ field: 'legalBasis.reference', message: 'is required: name the law, decree or authorisation' });
  if (!isProtocolPurpose(purpose.code)) errors.push({ field: 'purpose.code', message: `unknown purpose "${purpose.code}" (see GET /api/v1/partners/protocol-purposes)` });
  if (!purpose.description?.trim()) errors.push({ field: 'purpose.description', message: 'is required: describe the purpose in the protocol\'s words' });

  if (!participants.length) errors.push({ field: 'participants', message: 'at least one organisation and function must be admitted' });
  const seen = new Map<string, number>();
  participants.forEach((p, i) => {
    if (!isFunction(p.function)) errors.push({ field: `participants.${i}.function`, message: `unknown function "${p.function}"; one of ${FUNCTIONS.map((f) => f.id).join(', ')}` });
    const key = `${p.organisationId}|${p.function}`;
    if (seen.has(key)) errors.push({ field: `participants.${i}`, message: `repeats participants.${seen.get(key)}` });
    else seen.set(key, i);
  });
  if (participants.length && !participants.some((p) => p.organisationId === modalities.chairOrganisationId)) {
    errors.push({ field: 'modalities.chairOrganisationId', message: 'must be one of the participating organisations' });
  }
  if (!modalities.frequency?.trim()) errors.push({ field: 'modalities.frequency', message: 'is required' });
  if (!isIsoDuration(modalities.retentionPeriod)) {
    errors.push({ field: 'modalities.retentionPeriod', message: `"${modalities.retentionPeriod}" is not a non-zero ISO 8601 duration of at most 100 years (e.g. P5Y, P18M)` });
  }

  if (!isCalendarDate(validity.from)) errors.push({ field: 'validity.from', message: 'is not a date (YYYY-MM-DD)' });
  if (validity.until !== undefined && !isCalendarDate(validity.until)) errors.push({ field: 'validity.until', message: 'is not a date (YYYY-MM-DD)' });
  else if (validity.until !== undefined && validity.until < validity.from) errors.push({ field: 'validity.until', message: 'lies before validity.from' });

  const signed = new Map<string, number>();
  parties.forEach((p, i) => {
    if (p.signedOn !== undefined && !isCalendarDate(p.signedOn)) errors.push({ field: `parties.${i}.signedOn`, message: 'is not a date (YYYY-MM-DD)' });
    if (signed.has(p.organisationId)) errors.push({ field: `parties.${i}.organisationId`, message: `repeats parties.${signed.get(p.organisationId)}` });
    else signed.set(p.organisationId, i);
  });
  const chains = checkChains(merged.chains, 'chains', errors);
  // Rebuilt in a fixed key order, so states from a request and from the database compare equal.
  return {
    state: {
      title,
      legalBasis: { type: legalBasis.type, reference: (legalBasis.reference ?? '').trim() },
      purpose: { code: purpose.code, description: (purpose.description ?? '').trim() },
      participants: participants.map((p) => ({ organisationId: p.organisationId, function: p.function })),
      modalities: { chairOrganisationId: modalities.chairOrganisationId, frequency: (modalities.frequency ?? '').trim(), minutes: modalities.minutes, retentionPeriod: modalities.retentionPeriod },
      validity: { from: validity.from, ...(validity.until !== undefined ? { until: validity.until } : {}) },
      chains,
      parties: parties.map((p) => ({ organisationId: p.organisationId, ...(p.signedOn !== undefined ? { signedOn: p.signedOn } : {}) })),
    },
    errors,
  };
}

/** Every organisation a protocol refers to, with the field that names it. */
export function referencedOrganisations(state: ProtocolState): { field: string; id: string }[] {
  return [
    ...state.participants.map((p, i) => ({ field: `participants.${i}.organisationId`, id: p.organisationId })),
    { field: 'modalities.chairOrganisationId', id: state.modalities.chairOrganisationId },
    ...state.parties.map((p, i) => ({ field: `parties.${i}.organisationId`, id: p.organisationId })),
  ];
}

/** Changed fields, one level deep for the grouped ones (`modalities.retentionPeriod`). */
export function changedProtocolFields(before: ProtocolState, after: ProtocolState): string[] {
  const out: string[] = [];
  for (const f of PROTOCOL_FIELDS) {
    const [a, b] = [before[f], after[f]];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a && b && typeof a === 'object' && !Array.isArray(a)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
      for (const k of keys) {
        if (JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k])) out.push(`${f}.${k}`);
      }
    } else out.push(f);
  }
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
