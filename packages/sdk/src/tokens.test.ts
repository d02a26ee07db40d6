import { TOKENS, token, type CaseReader, type Clock, type TenantScope, type Token } from './index';

// The token decides what `resolve` returns; `npm run typecheck` compiles this file, so each
// `@ts-expect-error` below fails the build the day a token stops carrying its type.
function typedResolution(scope: TenantScope): void {
  const clock: Clock = scope.resolve(TOKENS.Clock);
  const cases: CaseReader = scope.resolve(TOKENS.Cases);
  // @ts-expect-error a clock is no case reader
  const wrong: CaseReader = scope.resolve(TOKENS.Clock);
  // @ts-expect-error a bare symbol is no token: nobody can pick the type it resolves to
  scope.resolve<Clock>(Symbol.for('ketenhuis.Clock'));
  void [clock, cases, wrong];
}

describe('typed tokens', () => {
  it('are the same symbols wherever they are made, so core and modules share one container', () => {
    const again: Token<Clock> = token<Clock>('Clock');
    expect(again).toBe(TOKENS.Clock);
    expect(typeof TOKENS.Clock).toBe('symbol');
    expect(typedResolution).toBeInstanceOf(Function);
  });
});
