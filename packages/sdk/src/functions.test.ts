import { FUNCTION_IDS, type ChainModuleDefinition } from './index';

// `npm run typecheck` compiles this file: a chain that grants to a function nobody holds fails
// to build, before the kernel's boot check would refuse it.
const grants: ChainModuleDefinition['grants'] = {
  magistraat: ['x.case.close'],
  // @ts-expect-error "magistrate" is no function of the domain (magistraat is)
  magistrate: ['x.case.close'],
};

describe('functions', () => {
  it('are the domain\'s ten, each once', () => {
    expect(new Set(FUNCTION_IDS).size).toBe(10);
    expect(Object.keys(grants ?? {})).toContain('magistraat');
  });
});
