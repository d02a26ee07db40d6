import { defineCaseType, defineChainModule, type ActionOf, type StateOf } from './index';

const title = { nl: 'Proef' };

// `npm run typecheck` compiles this file: each `@ts-expect-error` below fails the build the day
// a misspelt state, action or permission would compile again.
const proef = defineCaseType({
  id: 'proef', title,
  workflow: {
    initial: 'open',
    states: [{ id: 'open', title }, { id: 'dicht', title, final: true }],
    transitions: [{ action: 'sluit', from: 'open', to: 'dicht', permission: 'x.case.close' }],
    clocks: [{ id: 'termijn', title, state: 'open', duration: 'P10D', runsFrom: 'stateEntered', onExpiry: 'notify' }],
  },
});

const action: ActionOf<typeof proef> = 'sluit';
const state: StateOf<typeof proef> = 'dicht';
// @ts-expect-error no such action
const badAction: ActionOf<typeof proef> = 'close';

defineCaseType({
  id: 'fout', title,
  workflow: {
    // @ts-expect-error the initial state must be one of the states
    initial: 'opne',
    states: [{ id: 'open', title }, { id: 'dicht', title, final: true }],
    transitions: [
      // @ts-expect-error a transition to a state that does not exist
      { action: 'sluit', from: 'open', to: 'gesloten', permission: 'x.case.close' },
    ],
    // @ts-expect-error a clock in a state that does not exist
    clocks: [{ id: 't', title, state: ['dicht', 'wacht'], duration: 'P1D', runsFrom: 'stateEntered', onExpiry: 'notify' }],
  },
});

const chain = defineChainModule({
  id: 'x', title, version: '1.0.0',
  permissions: ['x.case.close'],
  grants: {
    magistraat: ['x.case.close', 'core.case.read'],
    // @ts-expect-error a permission neither the chain nor core declares
    parketjurist: ['x.case.clsoe'],
    // @ts-expect-error a core permission that does not exist
    analist: ['core.case.erase'],
  },
  caseTypes: [proef],
});

defineChainModule({
  id: 'y', title, version: '1.0.0',
  permissions: ['y.case.open'],
  // @ts-expect-error the case type requires x.case.close, which this chain does not declare
  caseTypes: [proef],
});

describe('typed workflow names', () => {
  it('keep the definitions as written', () => {
    expect(proef.workflow.transitions[0].to).toBe('dicht');
    expect([action, state, badAction]).toEqual(['sluit', 'dicht', 'close']);
    expect(chain.caseTypes?.[0]).toBe(proef);
  });
});
