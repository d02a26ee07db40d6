import type { Organisation } from '../organisation-store';
import { describeAction, planImport } from './plan';
import { readCatalogue } from './read-catalogue';

let serial = 0;
const org = (over: Partial<Organisation>): Organisation => ({
  id: `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
  name: 'X', type: 'andere', kbo: null, policeZoneCode: null, professionalSecrecy: false, chains: [], mergedIntoId: null,
  createdAt: new Date(0), updatedAt: new Date(0), ...over,
});
const rows = (...fields: Record<string, unknown>[]) => fields.map((f, i) => ({ at: `row ${i + 1}`, fields: f }));

describe('planImport', () => {
  const caw = org({ name: 'CAW Oud', type: 'caw', kbo: '0123456749', professionalSecrecy: true });
  const zone = org({ name: 'Zone Noord', type: 'politiezone', policeZoneCode: '9901' });
  const clb = org({ name: 'CLB Voorbeeld', type: 'clb', professionalSecrecy: true });

  it('matches by KBO number, then zone code, then type and name; what matches nothing is created', () => {
    const plan = planImport(rows(
      { name: 'CAW Nieuw', type: 'caw', kbo: '0123.456.749' },
      { name: 'Zone Noord', type: 'politiezone', policeZoneCode: '9901' },
      { name: 'clb  voorbeeld', type: 'clb', kbo: '0111111124' },
      { name: 'CLB Voorbeeld', type: 'caw' },
    ), [caw, zone, clb]);
    expect(plan.errors).toEqual([]);
    expect(plan.actions.map((a) => a.kind)).toEqual(['update', 'unchanged', 'update', 'create']);
    expect(plan.actions.flatMap(describeAction)).toEqual([
      '~ update caw "CAW Oud"', '    name: CAW Oud → CAW Nieuw',
      '= unchanged politiezone "Zone Noord"',
      '~ update clb "CLB Voorbeeld"', '    name: CLB Voorbeeld → clb voorbeeld', '    kbo: (none) → 0111.111.124',
      '+ create caw "CLB Voorbeeld"',
    ]);
  });

  it('does not take over an organisation of the same name that has another KBO number', () => {
    const branch = org({ name: 'CAW Oud', type: 'caw', kbo: '0222222248' });
    const plan = planImport(rows({ name: 'CAW Oud', type: 'caw', kbo: '0111111124' }), [branch]);
    expect(plan.actions.map((a) => a.kind)).toEqual(['create']);
    const ambiguous = planImport(rows({ name: 'Dubbel', type: 'andere' }), [org({ name: 'Dubbel' }), org({ name: 'Dubbel' })]);
    expect(ambiguous.errors).toEqual(['row 1, name: matches 2 organisations of type "andere"; add their KBO numbers to tell them apart']);
  });

  it('refuses rows that would share a key with another organisation or an earlier row', () => {
    const plan = planImport(rows(
      { name: 'Zone Noord', type: 'politiezone', policeZoneCode: '9901', kbo: '0123456749' },
      { name: 'Nieuw', type: 'andere', kbo: '0111111124' },
      { name: 'Nieuw ander', type: 'andere', kbo: 'BE0111111124' },
      { name: 'Zone Zuid', type: 'politiezone', policeZoneCode: '9902' },
      { name: 'Zone Zuid bis', type: 'politiezone', policeZoneCode: '9902' },
    ), [caw, zone]);
    expect(plan.errors).toEqual([
      'row 1, policeZoneCode: 9901 belongs to another police zone ("Zone Noord")',
      'row 3, row: is the same organisation as row 2',
      'row 5, row: is the same organisation as row 4',
    ]);
  });

  it('treats empty values as not given and reads yes/no in Dutch and English', () => {
    const plan = planImport(rows({ name: 'CAW Oud', type: 'caw', kbo: '0123456749', professionalSecrecy: 'NEE', chains: 'ifg | jeugd' }, { name: 'Zone Noord', type: 'politiezone', policeZoneCode: '9901', kbo: '', chains: '' }), [caw, zone]);
    expect(plan.actions[0]).toMatchObject({ kind: 'update', changed: ['professionalSecrecy', 'chains'] });
    expect(plan.actions[1].kind).toBe('unchanged');
    expect(planImport(rows({ name: 'X', type: 'andere', professionalSecrecy: 'misschien' }), []).errors).toEqual(['row 1, professionalSecrecy: "misschien" is not yes or no (true/false, ja/nee)']);
  });
});

describe('readCatalogue', () => {
  it('keeps YAML scalars as text (leading zeros survive) and tells each row its line', () => {
    const file = readCatalogue('# comment\norganisations:\n  - name: A\n    type: caw\n    kbo: 0123456749\n    chains: [ifg]\n  - name: B\n    type: andere\n', 'yaml');
    expect(file.errors).toEqual([]);
    expect(file.rows).toEqual([
      { at: 'row 1 (line 3)', fields: { name: 'A', type: 'caw', kbo: '0123456749', chains: ['ifg'] } },
      { at: 'row 2 (line 7)', fields: { name: 'B', type: 'andere' } },
    ]);
  });

  it('maps CSV headers case-insensitively and flags surplus values', () => {
    const file = readCatalogue('Name,TYPE\nA,caw,extra\n', 'csv');
    expect(file.rows).toEqual([{ at: 'row 2', fields: { name: 'A', type: 'caw', '': 'extra' } }]);
    expect(planImport(file.rows, []).errors).toEqual(['row 2, row: has more values than there are columns, or is not a set of fields']);
    expect(readCatalogue('name\nA\n', 'csv').errors).toEqual(['row 1: the column "type" is missing']);
  });
});
