import { FUNCTION_IDS } from '@ketenhuis/sdk';
import { FUNCTIONS } from './functions';

describe('functions', () => {
  it('label exactly the SDK\'s function ids, in its order', () => {
    expect(FUNCTIONS.map((f) => f.id)).toEqual([...FUNCTION_IDS]);
  });
});
