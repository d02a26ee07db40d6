import { cursorParameter, decodeCursor, encodeCursor } from './cursor';

const ID = '6f1c2b1e-5d0c-4c7e-9a55-0c3f7a9d2e41';

describe('cursors', () => {
  it('give back the pair they were made of, the id in lower case', () => {
    expect(decodeCursor(encodeCursor('2026-12-07 10:00:00+00', ID))).toEqual(['2026-12-07 10:00:00+00', ID]);
    expect(decodeCursor(encodeCursor('a', ID.toUpperCase()))).toEqual(['a', ID]);
  });

  it('know nothing of what they did not make', () => {
    for (const forged of ['', 'abc', Buffer.from('["a"]').toString('base64url'), Buffer.from('["a","not-a-uuid"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(decodeCursor(forged)).toBeUndefined();
    }
  });

  it('as the cursor query parameter: nothing when absent, a 400 naming it when forged', () => {
    expect(cursorParameter(undefined)).toBeUndefined();
    expect(cursorParameter(encodeCursor('k', ID))).toEqual(['k', ID]);
    expect(() => cursorParameter('forged')).toThrow(expect.objectContaining({ status: 400, errors: [{ field: 'query.cursor', message: 'is not a cursor this API gave out' }] }));
    expect(() => cursorParameter(['a', 'b'])).toThrow(expect.objectContaining({ status: 400 }));
  });
});
