import { defineChainModule, type ChainModuleDefinition, type ReferralTypeDefinition } from '@ketenhuis/sdk';
import { ModuleDefinitionError, type DefinitionProblem } from './module-definition-error';
import { ModuleRegistry } from './module-registry';

const referralType = (id: string): ReferralTypeDefinition => ({
  id,
  title: { nl: 'Bemiddeling en maatregelen', fr: 'Médiation et mesures', en: 'Mediation and measures' },
  receiverTypes: ['justitiehuis'],
  sharedCaseData: ['reference', 'state', 'externalReferences', 'subjects', 'field:pvDate'],
  deadlines: { sent: 'P2D', received: 'P5D', accepted: 'P14D', started: 'P6M' },
});

/** A valid chain with one case type (declaring pvDate) and one referral type; tests break one thing. */
function chain(id: string, change: (d: ChainModuleDefinition & { referralTypes: ReferralTypeDefinition[] }) => void = () => undefined) {
  const d = {
    id, title: { nl: `Keten ${id}` }, version: '1.0.0', permissions: [`${id}.case.close`],
    caseTypes: [{
      id: 'dossier', title: { nl: 'Dossier' },
      fields: [{ id: 'pvDate', title: { nl: 'PV-datum' }, type: 'date' as const }],
      workflow: {
        initial: 'open',
        states: [{ id: 'open', title: { nl: 'Open' } }, { id: 'closed', title: { nl: 'Afgesloten' }, final: true }],
        transitions: [{ action: 'close', from: 'open', to: 'closed', permission: `${id}.case.close` }],
      },
    }],
    referralTypes: [referralType(`${id}-bemiddeling`)],
  };
  change(d);
  return defineChainModule(d);
}

function problemsOf(candidates: unknown[]): DefinitionProblem[] {
  try {
    new ModuleRegistry(candidates);
  } catch (err) {
    if (!(err instanceof ModuleDefinitionError)) throw err;
    return err.problems;
  }
  throw new Error('the definitions were accepted');
}

const problem = (moduleId: string, field: string, message: RegExp) => ({ moduleId, field, message: expect.stringMatching(message) });

describe('referral types of chain modules', () => {
  it('accepts valid types and finds each by id with the module that declares it', () => {
    const registry = new ModuleRegistry([chain('demo'), chain('other', (d) => { d.referralTypes.push({ ...referralType('werkstraf'), deadlines: undefined, sharedCaseData: [] }); })]);
    expect(registry.referralType('demo-bemiddeling')).toEqual({ moduleId: 'demo', type: expect.objectContaining({ id: 'demo-bemiddeling' }) });
    expect(registry.referralType('werkstraf')?.moduleId).toBe('other');
    expect(registry.referralType('onbekend')).toBeUndefined();
  });

  const refusals: Array<[string, () => unknown[], ReturnType<typeof problem>[]]> = [
    ['an id that is not kebab case', () => [chain('demo', (d) => { d.referralTypes[0].id = 'Bemiddeling_En'; })],
      [problem('demo', 'referralTypes[0].id', /"Bemiddeling_En" must be lower-case/)]],
    ['the same id twice in one module', () => [chain('demo', (d) => { d.referralTypes.push(referralType('demo-bemiddeling')); })],
      [problem('demo', 'referralTypes[1].id', /duplicate referral type "demo-bemiddeling"/)]],
    ['the same id in two modules', () => [chain('demo'), chain('other', (d) => { d.referralTypes[0].id = 'demo-bemiddeling'; })],
      [problem('other', 'referralTypes[0].id', /"demo-bemiddeling" clashes with one of module "demo"/)]],
    ['a missing Dutch title', () => [chain('demo', (d) => { d.referralTypes[0].title = { en: 'Mediation' } as never; })],
      [problem('demo', 'referralTypes[0].title.nl', /Dutch title is required/)]],
    ['no receiver types', () => [chain('demo', (d) => { d.referralTypes[0].receiverTypes = []; })],
      [problem('demo', 'referralTypes[0].receiverTypes', /at least one organisation type/)]],
    ['a receiver type that is not an organisation type', () => [chain('demo', (d) => { d.referralTypes[0].receiverTypes = ['justitiehuis', 'Justitie Huis']; })],
      [problem('demo', 'referralTypes[0].receiverTypes[1]', /"Justitie Huis" is not an organisation type/)]],
    ['shared case data the case does not have', () => [chain('demo', (d) => { d.referralTypes[0].sharedCaseData = ['reference', 'notes' as never]; })],
      [problem('demo', 'referralTypes[0].sharedCaseData[1]', /"notes" must be one of reference, state, externalReferences, subjects or "field:<id>"/)]],
    ['a shared field no case type of the module declares', () => [chain('demo', (d) => { d.referralTypes[0].sharedCaseData = ['field:pvDate', 'field:geboortedatum']; })],
      [problem('demo', 'referralTypes[0].sharedCaseData[1]', /unknown case field "geboortedatum"/)]],
    ['a shared field only another module declares', () => [
      chain('other', (d) => { d.caseTypes![0].fields!.push({ id: 'zittingsdatum', title: { nl: 'Zittingsdatum' }, type: 'date' }); }),
      chain('demo', (d) => { d.referralTypes[0].sharedCaseData = ['field:zittingsdatum']; }),
    ],
      [problem('demo', 'referralTypes[0].sharedCaseData[0]', /unknown case field "zittingsdatum"/)]],
    ['shared case data named twice', () => [chain('demo', (d) => { d.referralTypes[0].sharedCaseData = ['reference', 'reference']; })],
      [problem('demo', 'referralTypes[0].sharedCaseData[1]', /"reference" is named twice/)]],
    ['a deadline for a final state', () => [chain('demo', (d) => { d.referralTypes[0].deadlines = { completed: 'P1D' } as never; })],
      [problem('demo', 'referralTypes[0].deadlines.completed', /"completed" is not a state a referral waits in/)]],
    ['a deadline that is not an ISO 8601 duration, and one of zero length', () => [chain('demo', (d) => { d.referralTypes[0].deadlines = { sent: '2 dagen', accepted: 'PT0H' }; })],
      [problem('demo', 'referralTypes[0].deadlines.sent', /"2 dagen" is not a non-zero ISO 8601 duration/),
        problem('demo', 'referralTypes[0].deadlines.accepted', /"PT0H" is not a non-zero ISO 8601 duration/)]],
    ['referral types that are not a list', () => [chain('demo', (d) => { d.referralTypes = 'bemiddeling' as never; })],
      [problem('demo', 'referralTypes', /must be an array/)]],
  ];

  it.each(refusals)('refuses %s, naming the module and the field', (_name, candidates, expected) => {
    expect(problemsOf(candidates())).toEqual(expected);
  });
});
