import type { CaseFieldDefinition, CaseTypeDefinition, ChainModule, ReferralTypeDefinition } from '@ketenhuis/sdk';
import { WAITING_FOR } from '../values/referral-states';
import type { DefinitionProblem } from './module-definition-error';
import { KEBAB, entriesOf, hasDutchText, isObject, quote, type Report } from './validation-helpers';
import { isPositiveDuration } from '../values/duration';

const CASE_PARTS = new Set(['reference', 'state', 'externalReferences', 'subjects']);
/** The states a referral waits in for its receiver; a final state has no deadline. */
const DEADLINE_STATES = new Set(Object.keys(WAITING_FOR));

/** Every field a module declares on any of its case types: a referral shares one by its id. */
function declaredFields(mod: ChainModule): Set<string> {
  const ids = new Set<string>();
  for (const ct of Array.isArray(mod.caseTypes) ? mod.caseTypes : []) {
    if (!isObject(ct) || !Array.isArray((ct as CaseTypeDefinition).fields)) continue;
    for (const f of (ct as CaseTypeDefinition).fields as CaseFieldDefinition[]) if (isObject(f) && typeof f.id === 'string') ids.add(f.id);
  }
  return ids;
}

function validateSharedData(value: unknown, fields: Set<string>, at: string, report: Report): void {
  if (!Array.isArray(value)) return report(at, 'must be a list of what the receiver sees of the case (possibly empty)');
  const seen = new Set<unknown>();
  value.forEach((entry, i) => {
    if (seen.has(entry)) report(`${at}[${i}]`, `${quote(entry)} is named twice`);
    seen.add(entry);
    if (typeof entry === 'string' && CASE_PARTS.has(entry)) return;
    if (typeof entry === 'string' && entry.startsWith('field:')) {
      const id = entry.slice('field:'.length);
      if (!fields.has(id)) report(`${at}[${i}]`, `unknown case field ${quote(id)} (declare it in one of the module's case types)`);
      return;
    }
    report(`${at}[${i}]`, `${quote(entry)} must be one of ${[...CASE_PARTS].join(', ')} or "field:<id>"`);
  });
}

function validateDeadlines(value: unknown, at: string, report: Report): void {
  if (value === undefined) return;
  if (!isObject(value)) return report(at, 'must map referral states to ISO 8601 durations');
  for (const [state, duration] of Object.entries(value)) {
    if (!DEADLINE_STATES.has(state)) report(`${at}.${state}`, `"${state}" is not a state a referral waits in (${[...DEADLINE_STATES].join(', ')})`);
    else if (!isPositiveDuration(duration)) report(`${at}.${state}`, `${quote(duration)} is not a non-zero ISO 8601 duration of at most 100 years (e.g. P2D, P14D)`);
  }
}

function validateReferralType(t: ReferralTypeDefinition, fields: Set<string>, at: string, report: Report): void {
  if (!hasDutchText(t.title)) report(`${at}.title.nl`, 'a Dutch title is required');
  const receivers = t.receiverTypes as unknown;
  if (!Array.isArray(receivers) || !receivers.length) report(`${at}.receiverTypes`, 'must name at least one organisation type (e.g. justitiehuis)');
  else receivers.forEach((r, i) => { if (typeof r !== 'string' || !KEBAB.test(r)) report(`${at}.receiverTypes[${i}]`, `${quote(r)} is not an organisation type`); });
  validateSharedData(t.sharedCaseData, fields, `${at}.sharedCaseData`, report);
  validateDeadlines(t.deadlines, `${at}.deadlines`, report);
}

/**
 * Checks the referral types of every installed module together: ids are one namespace across
 * modules (a referral names its type alone), and a type shares only case data that exists.
 */
export function validateReferralTypes(modules: ChainModule[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const owners = new Map<string, string>();
  for (const mod of modules) {
    const report: Report = (field, message) => problems.push({ moduleId: String(mod.id), field, message });
    const fields = declaredFields(mod);
    for (const [t, i] of entriesOf<ReferralTypeDefinition>(mod.referralTypes, 'referralTypes', report)) {
      const at = `referralTypes[${i}]`;
      if (typeof t.id !== 'string' || !KEBAB.test(t.id) || t.id.length > 63) {
        report(`${at}.id`, `${quote(t.id)} must be lower-case letters, digits and dashes`);
      } else {
        const owner = owners.get(t.id);
        if (owner === undefined) owners.set(t.id, String(mod.id));
        else report(`${at}.id`, owner === mod.id ? `duplicate referral type "${t.id}"` : `referral type "${t.id}" clashes with one of module "${owner}"`);
      }
      validateReferralType(t, fields, at, report);
    }
  }
  return problems;
}
