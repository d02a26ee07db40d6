import { formatKbo } from '../../../kernel/identifiers/kbo';
import { changedOrganisationFields, resolveOrganisation, type OrganisationState } from '../organisation-rules';
import type { Organisation } from '../organisation-store';
import { rowChanges, type CatalogueRow } from './read-catalogue';

export type ImportAction =
  | { kind: 'create'; at: string; state: OrganisationState }
  | { kind: 'update'; at: string; target: Organisation; state: OrganisationState; changed: (keyof OrganisationState)[] }
  | { kind: 'unchanged'; at: string; target: Organisation };

export interface ImportPlan {
  actions: ImportAction[];
  /** `row 4, kbo: ...`: one per mistake; any error means nothing may be written. */
  errors: string[];
}

const nameKey = (type: string, name: string) => `${type}|${name.trim().replace(/\s+/g, ' ').toLowerCase()}`;

/**
 * Decides, row by row, what importing a catalogue would do to the existing organisations,
 * without writing. A row is the same organisation as an existing one by its natural key: the KBO
 * number when the row has one, else the zone code for a police zone, else type and name (an
 * organisation found by those without a KBO number gets the row's).
 */
export function planImport(rows: CatalogueRow[], existing: Organisation[]): ImportPlan {
  const errors: string[] = [];
  const actions: ImportAction[] = [];
  const byKbo = new Map(existing.filter((o) => o.kbo).map((o) => [o.kbo!, o]));
  const byZone = new Map(existing.filter((o) => o.policeZoneCode).map((o) => [o.policeZoneCode!, o]));
  const byName = new Map<string, Organisation[]>();
  for (const o of existing) byName.set(nameKey(o.type, o.name), [...(byName.get(nameKey(o.type, o.name)) ?? []), o]);
  // What earlier rows claimed, so two rows cannot become one organisation or share a key.
  const claimed = { target: new Map<string, string>(), kbo: new Map<string, string>(), zone: new Map<string, string>(), name: new Map<string, string>() };

  for (const row of rows) {
    const fail = (field: string, message: string) => errors.push(`${row.at}, ${field}: ${message}`);
    const { changes, errors: rawErrors } = rowChanges(row.fields);
    rawErrors.forEach((e) => fail(e.field, e.message));
    // Resolved once without a target, to read the row's own key in normalised form (KBO digits).
    const own = resolveOrganisation(changes);
    if (rawErrors.length || own.errors.length) {
      own.errors.forEach((e) => fail(e.field, e.message));
      continue;
    }
    const key = own.state;
    let target = changes.kbo ? byKbo.get(key.kbo!) : undefined;
    if (!target && key.policeZoneCode) target = byZone.get(key.policeZoneCode);
    if (target && changes.kbo && target.kbo && target.kbo !== key.kbo) target = undefined;
    if (!target) {
      const sameName = (byName.get(nameKey(key.type, key.name)) ?? []).filter((o) => !changes.kbo || !o.kbo);
      if (sameName.length > 1) {
        fail('name', `matches ${sameName.length} organisations of type "${key.type}"; add their KBO numbers to tell them apart`);
        continue;
      }
      target = sameName[0];
    }

    const { state, errors: stateErrors } = resolveOrganisation(changes, target);
    if (stateErrors.length) {
      stateErrors.forEach((e) => fail(e.field, e.message));
      continue;
    }
    const clash = (map: Map<string, Organisation>, value: string | null) => {
      const holder = value ? map.get(value) : undefined;
      return holder && holder.id !== target?.id ? holder : undefined;
    };
    const kboHolder = clash(byKbo, state.kbo);
    const zoneHolder = clash(byZone, state.policeZoneCode);
    const earlier = (target && claimed.target.get(target.id))
      ?? (state.kbo && claimed.kbo.get(state.kbo)) ?? (state.policeZoneCode && claimed.zone.get(state.policeZoneCode))
      ?? (!state.kbo && claimed.name.get(nameKey(state.type, state.name)));
    if (kboHolder) fail('kbo', `${formatKbo(state.kbo!)} belongs to another organisation ("${kboHolder.name}")`);
    if (zoneHolder) fail('policeZoneCode', `${state.policeZoneCode} belongs to another police zone ("${zoneHolder.name}")`);
    if (earlier) fail('row', `is the same organisation as ${earlier}`);
    if (kboHolder || zoneHolder || earlier) continue;

    if (target) claimed.target.set(target.id, row.at);
    if (state.kbo) claimed.kbo.set(state.kbo, row.at);
    if (state.policeZoneCode) claimed.zone.set(state.policeZoneCode, row.at);
    // Two organisations may share a name (branches), but then their KBO numbers tell them apart.
    if (!state.kbo) claimed.name.set(nameKey(state.type, state.name), row.at);

    if (!target) actions.push({ kind: 'create', at: row.at, state });
    else {
      const changed = changedOrganisationFields(target, state);
      actions.push(changed.length ? { kind: 'update', at: row.at, target, state, changed } : { kind: 'unchanged', at: row.at, target });
    }
  }
  return { actions, errors };
}

const shown = (field: keyof OrganisationState, value: unknown): string => {
  if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return '(none)';
  if (field === 'kbo') return formatKbo(value as string);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
};

/** The diff of one action, as `+ create`, `~ update` (with a line per field) and `= unchanged`. */
export function describeAction(a: ImportAction): string[] {
  const label = (s: OrganisationState) => `${s.type} "${s.name}"`;
  if (a.kind === 'create') return [`+ create ${label(a.state)}`];
  if (a.kind === 'unchanged') return [`= unchanged ${label(a.target)}`];
  return [`~ update ${label(a.target)}`, ...a.changed.map((f) => `    ${f}: ${shown(f, a.target[f])} → ${shown(f, a.state[f])}`)];
}
