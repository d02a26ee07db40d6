import type { CaseFieldDefinition, CaseTypeDefinition, DeadlineClock, NotifyTarget, WorkflowState, WorkflowTransition } from '@ketenhuis/sdk';
import { DOTTED, KEBAB, entriesOf, hasDutchText, isObject, quote, type Report } from './validation-helpers';
import { isPositiveDuration } from '../values/duration';

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '');
}

const FIELD_TYPES = new Set(['date', 'datetime', 'boolean', 'text', 'code-list', 'integer']);
const FIELD_ID = /^[a-z][A-Za-z0-9]{0,62}$/;

/** The declared case fields by id; each problem of a declaration is reported. */
function validateFields(caseType: CaseTypeDefinition, at: string, report: Report): Map<string, CaseFieldDefinition> {
  const fields = new Map<string, CaseFieldDefinition>();
  for (const [f, i] of entriesOf<CaseFieldDefinition>(caseType.fields, `${at}.fields`, report)) {
    const field = `${at}.fields[${i}]`;
    if (typeof f.id !== 'string' || !FIELD_ID.test(f.id)) report(`${field}.id`, `${quote(f.id)} must be camelCase letters and digits`);
    if (fields.has(f.id)) report(`${field}.id`, `duplicate field "${f.id}"`);
    if (!hasDutchText(f.title)) report(`${field}.title.nl`, 'a Dutch label is required');
    if (!FIELD_TYPES.has(f.type)) report(`${field}.type`, `${quote(f.type)} must be one of ${[...FIELD_TYPES].join(', ')}`);
    if (f.pattern !== undefined) {
      try { new RegExp(f.pattern); } catch { report(`${field}.pattern`, 'is not a valid regular expression'); }
    }
    if (!fields.has(f.id)) fields.set(f.id, f);
  }
  return fields;
}

function validateTargets(targets: unknown, at: string, report: Report): void {
  for (const [t, i] of entriesOf<NotifyTarget>(targets, at, report)) {
    if (t.function !== undefined && (typeof t.function !== 'string' || !/^[a-z][a-z-]*$/.test(t.function))) report(`${at}[${i}].function`, `${quote(t.function)} is not a function name`);
    if (t.organisationType !== undefined && (typeof t.organisationType !== 'string' || !KEBAB.test(t.organisationType))) report(`${at}[${i}].organisationType`, `${quote(t.organisationType)} is not an organisation type`);
  }
}

/**
 * Checks one case type and its workflow; `report(field, message)` receives each problem.
 * `hasGuard` tells whether the module provides a guard of that name.
 */
export function validateWorkflow(caseType: CaseTypeDefinition, at: string, knownPermission: (p: string) => boolean, report: Report,
  hasGuard: (name: string) => boolean = () => false): void {
  if (!hasDutchText(caseType.title)) report(`${at}.title.nl`, 'a Dutch title is required');
  const fields = validateFields(caseType, at, report);
  const wf = caseType.workflow;
  if (!isObject(wf) || !Array.isArray(wf.states) || !wf.states.length || !Array.isArray(wf.transitions)) {
    report(`${at}.workflow`, 'needs an initial state, a non-empty list of states and a list of transitions');
    return;
  }
  const states = new Set<string>();
  const stateList = entriesOf<WorkflowState>(wf.states, `${at}.workflow.states`, report);
  for (const [s, i] of stateList) {
    if (typeof s.id !== 'string' || !KEBAB.test(s.id)) report(`${at}.workflow.states[${i}].id`, `${quote(s.id)} must be lower-case letters, digits and dashes`);
    if (states.has(s.id)) report(`${at}.workflow.states[${i}].id`, `duplicate state "${s.id}"`);
    if (!hasDutchText(s.title)) report(`${at}.workflow.states[${i}].title.nl`, 'a Dutch label is required');
    states.add(s.id);
  }
  const initialKnown = states.has(wf.initial);
  if (!initialKnown) report(`${at}.workflow.initial`, `unknown state ${quote(wf.initial)}`);

  const outgoing = new Map<string, string[]>();
  const actions = new Set<string>();
  for (const [t, i] of entriesOf<WorkflowTransition>(wf.transitions, `${at}.workflow.transitions`, report)) {
    const field = `${at}.workflow.transitions[${i}]`;
    if (typeof t.action !== 'string' || !KEBAB.test(t.action)) report(`${field}.action`, `${quote(t.action)} must be lower-case letters, digits and dashes`);
    const froms = Array.isArray(t.from) ? t.from : [t.from];
    if (!froms.length) report(`${field}.from`, 'must name at least one state');
    for (const from of froms) {
      if (!states.has(from)) report(`${field}.from`, `unknown state ${quote(from)}`);
      const key = `${from}/${t.action}`;
      if (actions.has(key)) report(`${field}.action`, `action "${t.action}" is defined twice from state "${from}"`);
      actions.add(key);
      outgoing.set(from, [...(outgoing.get(from) ?? []), t.to]);
    }
    if (!states.has(t.to)) report(`${field}.to`, `unknown state ${quote(t.to)}`);
    if (!knownPermission(t.permission)) report(`${field}.permission`, `unknown permission ${quote(t.permission)} (declare it in this module's permissions)`);
    if (t.requiredFields !== undefined && !isStringList(t.requiredFields)) report(`${field}.requiredFields`, 'must be a list of field names');
    if (t.setsFields !== undefined) {
      if (!isStringList(t.setsFields)) report(`${field}.setsFields`, 'must be a list of field names');
      else t.setsFields.forEach((f, j) => { if (!fields.has(f)) report(`${field}.setsFields[${j}]`, `unknown case field ${quote(f)} (declare it in the case type's fields)`); });
    }
    if (t.guard !== undefined && (typeof t.guard !== 'string' || t.guard === '')) report(`${field}.guard`, 'must be the name of a guard');
    else if (t.guard !== undefined && !hasGuard(t.guard)) report(`${field}.guard`, `unknown guard ${quote(t.guard)} (provide it in the module's guards)`);
    if (t.emits !== undefined && !(Array.isArray(t.emits) && t.emits.every((e) => typeof e === 'string' && DOTTED.test(e)))) {
      report(`${field}.emits`, 'must be a list of event types ("<module>.<event>", lower case)');
    }
  }

  // Every state must be reachable from the initial one, and only final states may be dead ends.
  const reached = new Set<string>();
  const todo = initialKnown ? [wf.initial] : [];
  while (todo.length) {
    const s = todo.pop()!;
    if (reached.has(s)) continue;
    reached.add(s);
    todo.push(...(outgoing.get(s) ?? []).filter((n) => states.has(n)));
  }
  for (const [s, i] of stateList) {
    if (initialKnown && !reached.has(s.id)) report(`${at}.workflow.states[${i}]`, `state "${s.id}" is unreachable from "${wf.initial}"`);
    if (!s.final && !outgoing.get(s.id)?.length) report(`${at}.workflow.states[${i}]`, `state "${s.id}" has no way out and is not marked final`);
    if (s.final && outgoing.get(s.id)?.length) report(`${at}.workflow.states[${i}]`, `final state "${s.id}" has outgoing transitions`);
  }

  const clockIds = new Set<string>();
  for (const [c, i] of entriesOf<DeadlineClock>(wf.clocks, `${at}.workflow.clocks`, report)) {
    const field = `${at}.workflow.clocks[${i}]`;
    if (typeof c.id !== 'string' || !KEBAB.test(c.id)) report(`${field}.id`, `${quote(c.id)} must be lower-case letters, digits and dashes`);
    if (clockIds.has(c.id)) report(`${field}.id`, `duplicate clock "${c.id}"`);
    clockIds.add(c.id);
    if (!hasDutchText(c.title)) report(`${field}.title.nl`, 'a Dutch label is required');
    const clockStates = Array.isArray(c.state) ? c.state : [c.state];
    if (!clockStates.length) report(`${field}.state`, 'must name at least one state');
    for (const s of clockStates) if (!states.has(s)) report(`${field}.state`, `unknown state ${quote(s)}`);
    if (!isPositiveDuration(c.duration)) report(`${field}.duration`, `${quote(c.duration)} is not a non-zero ISO 8601 duration of at most 100 years (e.g. PT48H, P2M)`);
    if (c.warnBefore !== undefined && !isPositiveDuration(c.warnBefore)) report(`${field}.warnBefore`, `${quote(c.warnBefore)} is not a non-zero ISO 8601 duration of at most 100 years`);
    const runsFrom = c.runsFrom as unknown;
    if (runsFrom !== 'stateEntered' && !(isObject(runsFrom) && typeof runsFrom.field === 'string' && runsFrom.field !== '')) {
      report(`${field}.runsFrom`, 'must be "stateEntered" or { field: "<date field of the case>" }');
    } else if (isObject(runsFrom)) {
      const type = fields.get(runsFrom.field as string)?.type;
      if (type !== 'date' && type !== 'datetime') report(`${field}.runsFrom.field`, `${quote(runsFrom.field)} is not a date or datetime field of the case type`);
    }
    if (c.when !== undefined) {
      if (!isObject(c.when) || !fields.has(c.when.field as string)) report(`${field}.when.field`, `${quote(isObject(c.when) ? c.when.field : c.when)} is not a field of the case type`);
      else if (!['string', 'number', 'boolean'].includes(typeof c.when.equals)) report(`${field}.when.equals`, 'must be a string, number or boolean');
    }
    validateTargets(c.warn, `${field}.warn`, report);
    validateTargets(c.expiry, `${field}.expiry`, report);
    if (c.onExpiry !== 'notify' && c.onExpiry !== 'escalate') report(`${field}.onExpiry`, `${quote(c.onExpiry)} must be "notify" or "escalate"`);
  }
}
