import { defineChainModule, type ChainModuleDefinition, type LeadTimeKpi } from '@ketenhuis/sdk';
import { ModuleDefinitionError } from './module-definition-error';
import { validateKpis } from './validate-kpis';
import { validateModules } from './validate-module';

type Problem = { field: string; message: string };

/** A module with two case types, date fields of both kinds, a text field and one referral type. */
function draft(kpis: unknown[]): ChainModuleDefinition {
  const states = [
    { id: 'intake', title: { nl: 'Intake' } },
    { id: 'beslist', title: { nl: 'Beslist' } },
    { id: 'afgesloten', title: { nl: 'Afgesloten' }, final: true },
  ];
  const transitions = [
    { action: 'beslis', from: 'intake', to: 'beslist', permission: 'kpi.case.move' },
    { action: 'sluit', from: 'beslist', to: 'afgesloten', permission: 'kpi.case.move' },
  ];
  return {
    id: 'kpi', title: { nl: 'Keten' }, version: '1.0.0', permissions: ['kpi.case.move'],
    caseTypes: [
      {
        id: 'dossier', title: { nl: 'Dossier' },
        fields: [
          { id: 'pvDate', title: { nl: 'PV-datum' }, type: 'date' },
          { id: 'decidedAt', title: { nl: 'Beslist op' }, type: 'datetime' },
          { id: 'note', title: { nl: 'Nota' }, type: 'text' },
        ],
        workflow: { initial: 'intake', states, transitions },
      },
      {
        id: 'ander', title: { nl: 'Ander dossier' },
        workflow: { initial: 'intake', states: [...states, { id: 'geschorst', title: { nl: 'Geschorst' } }], transitions: [...transitions, { action: 'schors', from: 'intake', to: 'geschorst', permission: 'kpi.case.move' }, { action: 'hervat', from: 'geschorst', to: 'intake', permission: 'kpi.case.move' }] },
      },
    ],
    referralTypes: [{ id: 'werkstraf', title: { nl: 'Werkstraf' }, receiverTypes: ['justitiehuis'], sharedCaseData: ['reference'] }],
    kpis: kpis as LeadTimeKpi[],
  };
}

function problems(kpis: unknown[]): Problem[] {
  const out: Problem[] = [];
  validateKpis(draft(kpis), (field, message) => out.push({ field, message }));
  return out;
}

const kpi = (over: Record<string, unknown> = {}) => ({ id: 'pv-tot-beslissing', title: { nl: 'PV tot beslissing' }, from: { field: 'pvDate' }, to: { entered: 'beslist' }, ...over });

describe('validateKpis', () => {
  it('accepts every kind of point', () => {
    expect(problems([
      kpi(),
      kpi({ id: 'beslissing-tot-werkstraf', caseType: 'dossier', from: { field: 'decidedAt' }, to: { referral: 'started', type: 'werkstraf' } }),
      kpi({ id: 'totaal', from: { registered: true }, to: { entered: ['beslist', 'afgesloten'] } }),
      kpi({ id: 'verwijzing', caseType: 'ander', from: { referral: 'sent' }, to: { referral: 'completed' } }),
    ])).toEqual([]);
  });

  it.each<[string, unknown[], Problem[]]>([
    ['an id that is not kebab case', [kpi({ id: 'PvTotBeslissing' })], [{ field: 'kpis[0].id', message: expect.stringMatching(/lower-case/) }]],
    ['a duplicate id', [kpi(), kpi()], [{ field: 'kpis[1].id', message: 'duplicate KPI "pv-tot-beslissing"' }]],
    ['a title without Dutch', [kpi({ title: { en: 'PV to decision' } })], [{ field: 'kpis[0].title.nl', message: 'a Dutch title is required' }]],
    ['an unknown case type', [kpi({ caseType: 'elders' })], [{ field: 'kpis[0].caseType', message: 'unknown case type "elders" of this module' }]],
    ['an undeclared field', [kpi({ from: { field: 'pvDatum' } })], [{ field: 'kpis[0].from.field', message: expect.stringMatching(/unknown case field "pvDatum"/) }]],
    ['a field of another case type', [kpi({ caseType: 'ander' })], [{ field: 'kpis[0].from.field', message: expect.stringMatching(/unknown case field "pvDate"/) }]],
    ['a field that is no date', [kpi({ from: { field: 'note' } })], [{ field: 'kpis[0].from.field', message: '"note" is not a date or datetime field' }]],
    ['an unknown state', [kpi({ to: { entered: ['beslist', 'vergeten'] } })], [{ field: 'kpis[0].to.entered', message: expect.stringMatching(/unknown state "vergeten"/) }]],
    ['a state of another case type', [kpi({ caseType: 'dossier', from: { registered: true }, to: { entered: 'geschorst' } })], [{ field: 'kpis[0].to.entered', message: expect.stringMatching(/unknown state "geschorst"/) }]],
    ['an empty list of states', [kpi({ to: { entered: [] } })], [{ field: 'kpis[0].to.entered', message: 'must name at least one state' }]],
    ['an unknown referral state', [kpi({ to: { referral: 'gestart' } })], [{ field: 'kpis[0].to.referral', message: expect.stringMatching(/"gestart" must be one of sent, received/) }]],
    ['an unknown referral type', [kpi({ to: { referral: 'started', type: 'probatie' } })], [{ field: 'kpis[0].to.type', message: expect.stringMatching(/unknown referral type "probatie"/) }]],
    ['registered other than true', [kpi({ from: { registered: 'yes' } })], [{ field: 'kpis[0].from.registered', message: 'must be true' }]],
    ['a point of two kinds', [kpi({ from: { field: 'pvDate', registered: true } })], [{ field: 'kpis[0].from', message: expect.stringMatching(/exactly one of field, entered, registered, referral/) }]],
    ['a missing point', [kpi({ to: undefined })], [{ field: 'kpis[0].to', message: expect.stringMatching(/must be \{ field \}/) }]],
    ['the same moment twice', [kpi({ to: { field: 'pvDate' } })], [{ field: 'kpis[0].to', message: expect.stringMatching(/same moment as from/) }]],
  ])('refuses %s', (_name, kpis, expected) => {
    expect(problems(kpis)).toEqual(expected);
  });

  it('refuses kpis that are not a list of objects', () => {
    expect(problems(['pv-tot-beslissing'])).toEqual([{ field: 'kpis[0]', message: 'must be an object' }]);
    const out: Problem[] = [];
    validateKpis({ ...draft([]), kpis: 'all' as never }, (field, message) => out.push({ field, message }));
    expect(out).toEqual([{ field: 'kpis', message: 'must be an array' }]);
  });

  it('stops the platform through validateModules, naming the module and the field', () => {
    const bad = defineChainModule(draft([kpi({ to: { entered: 'vergeten' } })]));
    expect(() => validateModules([bad])).toThrow(ModuleDefinitionError);
    expect(() => validateModules([bad])).toThrow(/kpi.*kpis\[0\]\.to\.entered/s);
    expect(validateModules([defineChainModule(draft([kpi()]))])).toHaveLength(1);
  });
});
