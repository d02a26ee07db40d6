import type { expect as JestExpect } from '@jest/globals';

/**
 * `@jest/globals` throws when it is loaded outside a jest run, and the bench and other plain-node
 * scripts load these helpers too; so the assertion library is taken when an assertion runs, not
 * when the module loads.
 */
export function jestExpect(): typeof JestExpect {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@jest/globals') as typeof import('@jest/globals')).expect;
}
