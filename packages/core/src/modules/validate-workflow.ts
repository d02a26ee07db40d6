import type { CaseTypeDefinition } from '@ketenhuis/sdk';

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** Checks one case type's workflow; `report(field, message)` receives each problem. */
export function validateWorkflow(caseType: CaseTypeDefinition, at: string, knownPermission: (p: string) => boolean, report: (field: string, message: string) => void): void {
  const wf = caseType.workflow;
  if (!wf || !Array.isArray(wf.states) || !Array.isArray(wf.transitions)) {
    report(`${at}.workflow`, 'needs states and transitions');
    return;
  }
  const states = new Set<string>();
  wf.states.forEach((s, i) => {
    if (!/^[a-z][a-z0-9-]*$/.test(s.id ?? '')) report(`${at}.workflow.states[${i}].id`, `"${s.id}" must be lower-case letters, digits and dashes`);
    if (states.has(s.id)) report(`${at}.workflow.states[${i}].id`, `duplicate state "${s.id}"`);
    if (!s.title?.nl) report(`${at}.workflow.states[${i}].title.nl`, 'a Dutch label is required');
    states.add(s.id);
  });
  if (!states.has(wf.initial)) report(`${at}.workflow.initial`, `unknown state "${wf.initial}"`);

  const outgoing = new Map<string, string[]>();
  const actions = new Set<string>();
  wf.transitions.forEach((t, i) => {
    const field = `${at}.workflow.transitions[${i}]`;
    if (!/^[a-z][a-z0-9-]*$/.test(t.action ?? '')) report(`${field}.action`, `"${t.action}" must be lower-case letters, digits and dashes`);
    const froms = Array.isArray(t.from) ? t.from : [t.from];
    for (const from of froms) {
      if (!states.has(from)) report(`${field}.from`, `unknown state "${from}"`);
      const key = `${from}/${t.action}`;
      if (actions.has(key)) report(`${field}.action`, `action "${t.action}" is defined twice from state "${from}"`);
      actions.add(key);
      outgoing.set(from, [...(outgoing.get(from) ?? []), t.to]);
    }
    if (!states.has(t.to)) report(`${field}.to`, `unknown state "${t.to}"`);
    if (!knownPermission(t.permission)) report(`${field}.permission`, `unknown permission "${t.permission}" (declare it in permissions)`);
  });

  // Every state must be reachable from the initial one, and only final states may be dead ends.
  const reached = new Set<string>();
  const todo = states.has(wf.initial) ? [wf.initial] : [];
  while (todo.length) {
    const s = todo.pop()!;
    if (reached.has(s)) continue;
    reached.add(s);
    todo.push(...(outgoing.get(s) ?? []).filter((n) => states.has(n)));
  }
  wf.states.forEach((s, i) => {
    if (states.has(wf.initial) && !reached.has(s.id)) report(`${at}.workflow.states[${i}]`, `state "${s.id}" is unreachable from "${wf.initial}"`);
    if (!s.final && !(outgoing.get(s.id)?.length)) report(`${at}.workflow.states[${i}]`, `state "${s.id}" has no way out and is not marked final`);
    if (s.final && outgoing.get(s.id)?.length) report(`${at}.workflow.states[${i}]`, `final state "${s.id}" has outgoing transitions`);
  });

  (wf.clocks ?? []).forEach((c, i) => {
    const field = `${at}.workflow.clocks[${i}]`;
    if (!states.has(c.state)) report(`${field}.state`, `unknown state "${c.state}"`);
    if (!ISO_DURATION.test(c.duration ?? '')) report(`${field}.duration`, `"${c.duration}" is not an ISO 8601 duration (e.g. PT48H, P2M)`);
    if (c.warnBefore !== undefined && !ISO_DURATION.test(c.warnBefore)) report(`${field}.warnBefore`, `"${c.warnBefore}" is not an ISO 8601 duration`);
  });
}
