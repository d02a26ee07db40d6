import type { CaseTypeDefinition, ChainModuleDefinition, KpiPoint, LeadTimeKpi, ReferralState } from '@ketenhuis/sdk';
import { REFERRAL_STATES } from '../values/referral-states';
import { KEBAB, entriesOf, hasDutchText, isObject, quote, type Report } from './validation-helpers';

const POINT_KINDS = ['field', 'entered', 'registered', 'referral'] as const;

/** The case types a KPI measures: the one it names, or every case type of the module. */
function measuredTypes(kpi: LeadTimeKpi, caseTypes: CaseTypeDefinition[]): CaseTypeDefinition[] {
  return kpi.caseType === undefined ? caseTypes : caseTypes.filter((t) => t.id === kpi.caseType);
}

function checkField(name: unknown, types: CaseTypeDefinition[], at: string, report: Report): void {
  if (typeof name !== 'string' || name === '') return report(`${at}.field`, 'must name a date or datetime field of the case type');
  const declared = types.flatMap((t) => (Array.isArray(t.fields) ? t.fields : []).filter((f) => isObject(f) && f.id === name));
  if (!declared.length) return report(`${at}.field`, `unknown case field ${quote(name)} (declare it in the case type's fields)`);
  // A date is read as the start of that day in Belgium, a datetime as given; a text field would
  // have to be parsed at report time and fail there instead of here.
  if (declared.some((f) => f.type !== 'date' && f.type !== 'datetime')) report(`${at}.field`, `"${name}" is not a date or datetime field`);
}

function checkEntered(value: unknown, types: CaseTypeDefinition[], at: string, report: Report): void {
  const states = Array.isArray(value) ? value : [value];
  if (!states.length) return report(`${at}.entered`, 'must name at least one state');
  const known = new Set(types.flatMap((t) => (Array.isArray(t.workflow?.states) ? t.workflow.states.map((s) => s?.id) : [])));
  states.forEach((s) => { if (typeof s !== 'string' || !known.has(s)) report(`${at}.entered`, `unknown state ${quote(s)} of the measured case type(s)`); });
}

function checkReferral(point: Record<string, unknown>, referralTypes: Set<string>, at: string, report: Report): void {
  if (!REFERRAL_STATES.includes(point.referral as ReferralState)) report(`${at}.referral`, `${quote(point.referral)} must be one of ${REFERRAL_STATES.join(', ')}`);
  if (point.type !== undefined && !referralTypes.has(point.type as string)) report(`${at}.type`, `unknown referral type ${quote(point.type)} (declare it in the module's referralTypes)`);
}

function checkPoint(point: unknown, types: CaseTypeDefinition[], referralTypes: Set<string>, at: string, report: Report): void {
  if (!isObject(point)) return report(at, 'must be { field }, { entered }, { registered: true } or { referral, type? }');
  const kinds = POINT_KINDS.filter((k) => k in point);
  if (kinds.length !== 1) return report(at, `must have exactly one of ${POINT_KINDS.join(', ')}`);
  switch (kinds[0]) {
    case 'field': return checkField(point.field, types, at, report);
    case 'entered': return checkEntered(point.entered, types, at, report);
    case 'registered': if (point.registered !== true) report(`${at}.registered`, 'must be true'); return;
    case 'referral': return checkReferral(point, referralTypes, at, report);
  }
}

const sameJson = (a: KpiPoint, b: KpiPoint) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks a module's lead-time KPIs: ids, titles, the case type, and that each point names
 * something the module declares (a date field, a state, a referral state and type), so a report
 * never measures from a moment that cannot exist.
 */
export function validateKpis(mod: Pick<ChainModuleDefinition, 'kpis' | 'caseTypes' | 'referralTypes'>, report: Report): void {
  const caseTypes = Array.isArray(mod.caseTypes) ? mod.caseTypes.filter(isObject) as CaseTypeDefinition[] : [];
  const referralTypes = new Set((Array.isArray(mod.referralTypes) ? mod.referralTypes : []).map((r) => r?.id).filter((id): id is string => typeof id === 'string'));
  const ids = new Set<string>();
  for (const [kpi, i] of entriesOf<LeadTimeKpi>(mod.kpis, 'kpis', report)) {
    const at = `kpis[${i}]`;
    if (typeof kpi.id !== 'string' || !KEBAB.test(kpi.id)) report(`${at}.id`, `${quote(kpi.id)} must be lower-case letters, digits and dashes`);
    else if (ids.has(kpi.id)) report(`${at}.id`, `duplicate KPI "${kpi.id}"`);
    ids.add(kpi.id);
    if (!hasDutchText(kpi.title)) report(`${at}.title.nl`, 'a Dutch title is required');
    if (kpi.caseType !== undefined && !caseTypes.some((t) => t.id === kpi.caseType)) {
      report(`${at}.caseType`, `unknown case type ${quote(kpi.caseType)} of this module`);
      continue;
    }
    const types = measuredTypes(kpi, caseTypes);
    if (!types.length) {
      report(`${at}.caseType`, 'the module has no case type to measure');
      continue;
    }
    checkPoint(kpi.from, types, referralTypes, `${at}.from`, report);
    checkPoint(kpi.to, types, referralTypes, `${at}.to`, report);
    if (isObject(kpi.from) && isObject(kpi.to) && sameJson(kpi.from, kpi.to)) report(`${at}.to`, 'is the same moment as from: the lead time would always be zero');
  }
}
