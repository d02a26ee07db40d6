import { FUNCTIONS, ModuleRegistry, validateModules } from '@ketenhuis/core';
import type { LocalizedText } from '@ketenhuis/sdk';
import mModule, { OUTCOME_STATES } from '../src';

const workflow = mModule.caseTypes![0].workflow;

describe('chain M as the kernel sees it', () => {
  it('passes the checks the platform runs at boot', () => {
    expect(validateModules([mModule])).toEqual([mModule]);
    const registry = new ModuleRegistry([mModule]);
    expect(registry.ids).toEqual(['m']);
    expect(registry.referralType('bemiddeling-en-maatregelen')).toMatchObject({ moduleId: 'm', type: { receiverTypes: ['justitiehuis'] } });
  });

  it('grants its permissions to functions that exist, and every permission to someone', () => {
    const functions = new Set<string>(FUNCTIONS.map((f) => f.id));
    expect(Object.keys(mModule.grants!).filter((fn) => !functions.has(fn))).toEqual([]);
    const granted = new Set(Object.values(mModule.grants!).flat());
    expect(mModule.permissions.filter((p) => !granted.has(p))).toEqual([]);
    // Deciding is the magistrate's alone by default; the police only plan the hearing.
    expect(Object.entries(mModule.grants!).filter(([, ps]) => ps.includes('m.case.decide')).map(([fn]) => fn)).toEqual(['magistraat']);
    expect(mModule.grants!['politie-inspecteur']).toEqual(['m.hearing.plan']);
  });

  it('lets every case reach "afgesloten" from every state', () => {
    const next = new Map<string, string[]>();
    for (const t of workflow.transitions) for (const from of [t.from].flat()) next.set(from, [...(next.get(from) ?? []), t.to]);
    const reachesEnd = (start: string) => {
      const seen = new Set<string>();
      const todo = [start];
      while (todo.length) {
        const s = todo.pop()!;
        if (s === 'afgesloten') return true;
        if (!seen.has(s)) { seen.add(s); todo.push(...(next.get(s) ?? [])); }
      }
      return false;
    };
    expect(workflow.states.filter((s) => !reachesEnd(s.id)).map((s) => s.id)).toEqual([]);
  });

  it('enters every outcome only through a decision of the magistrate', () => {
    const into = (state: string) => workflow.transitions.filter((t) => t.to === state);
    for (const outcome of OUTCOME_STATES) {
      expect(into(outcome).map((t) => t.permission)).toEqual(['m.case.decide']);
    }
  });

  it('labels everything users see in Dutch, French and English', () => {
    const missing: string[] = [];
    const check = (where: string, l: LocalizedText | undefined) => {
      if (!l?.nl || !l.fr || !l.en) missing.push(where);
    };
    check('module', mModule.title);
    const ct = mModule.caseTypes![0];
    check('caseType', ct.title);
    ct.fields!.forEach((f) => check(`field ${f.id}`, f.title));
    workflow.states.forEach((s) => check(`state ${s.id}`, s.title));
    workflow.transitions.forEach((t) => check(`action ${t.action}`, t.title));
    workflow.clocks!.forEach((c) => check(`clock ${c.id}`, c.title));
    mModule.referralTypes!.forEach((r) => check(`referral ${r.id}`, r.title));
    mModule.kpis!.forEach((k) => check(`kpi ${k.id}`, k.title));
    expect(missing).toEqual([]);
  });

  it('keeps a running clock on every decision the law or the section times', () => {
    const clocks = Object.fromEntries(workflow.clocks!.map((c) => [c.id, c]));
    expect(clocks['beslissing-met-aanhouding']).toMatchObject({ duration: 'PT48H', when: { field: 'arrest', equals: true }, onExpiry: 'escalate' });
    expect(clocks['beslissing-zonder-aanhouding']).toMatchObject({ duration: 'P2M', runsFrom: { field: 'pvDate' }, when: { field: 'arrest', equals: false } });
    expect(clocks['oproeping-termijn']).toMatchObject({ state: 'oproeping-bij-pv', duration: 'P2M' });
  });
});
