import type { Actor } from '@ketenhuis/sdk';
import { ActorCache } from './actor-cache';

const actor = (subject: string): Actor => ({ subject, roles: ['magistraat'], permissions: new Set(['core.case.read']) });

describe('ActorCache', () => {
  let live = true;
  let now = 0;
  const cache = () => new ActorCache(() => live, () => now);
  beforeEach(() => { live = true; now = 0; });

  it('keeps an actor per district and key, and drops a district\'s when its identity rows change', () => {
    const c = cache();
    c.set('t1', 'a', actor('a'), c.generation('t1'));
    c.set('t2', 'a', actor('a2'), c.generation('t2'));
    expect(c.get('t1', 'a')?.subject).toBe('a');
    c.changed('t1');
    expect(c.get('t1', 'a')).toBeUndefined();
    expect(c.get('t2', 'a')?.subject).toBe('a2');
  });

  it('does not keep a resolution that raced a change or a reset', () => {
    const c = cache();
    const before = c.generation('t1');
    c.changed('t1');
    c.set('t1', 'a', actor('a'), before);
    expect(c.get('t1', 'a')).toBeUndefined();
    const beforeReset = c.generation('t9');
    c.reset();
    c.set('t9', 'a', actor('a'), beforeReset);
    expect(c.get('t9', 'a')).toBeUndefined();
  });

  it('serves and keeps nothing while the listener is not live, and nothing older than a minute', () => {
    const c = cache();
    c.set('t1', 'a', actor('a'), c.generation('t1'));
    live = false;
    expect(c.get('t1', 'a')).toBeUndefined();
    c.set('t1', 'b', actor('b'), c.generation('t1'));
    live = true;
    expect(c.get('t1', 'b')).toBeUndefined();
    expect(c.get('t1', 'a')?.subject).toBe('a');
    now = 60_001;
    expect(c.get('t1', 'a')).toBeUndefined();
  });
});
