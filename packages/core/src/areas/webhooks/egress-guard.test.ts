import type { LookupAddress } from 'node:dns';
import { AddressNotAllowedError, guardedLookup, type ResolveAll } from './egress-guard';

/** What a connection's lookup gets back through the guard, as `net` calls it. */
function lookUp(resolve: ResolveAll, options: { all?: boolean; family?: number } = {}) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((done) => {
    guardedLookup(resolve)('hooks.partner.test', options, (err, address, family) => done({ err, address, family }));
  });
}
const resolvesTo = (...addresses: string[]): ResolveAll => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('guardedLookup', () => {
  it('passes on the addresses of a name that resolves outside only', async () => {
    expect(await lookUp(resolvesTo('203.0.113.7', '2001:db8::7'), { all: true })).toEqual({
      err: null, address: [{ address: '203.0.113.7', family: 4 }, { address: '2001:db8::7', family: 6 }], family: undefined,
    });
    expect(await lookUp(resolvesTo('203.0.113.7', '2001:db8::7'))).toEqual({ err: null, address: '203.0.113.7', family: 4 });
    expect(await lookUp(resolvesTo('203.0.113.7', '2001:db8::7'), { family: 6 })).toEqual({ err: null, address: '2001:db8::7', family: 6 });
  });

  it.each([
    [['127.0.0.1']], [['10.0.0.8']], [['169.254.169.254']], [['::1']], [['fd00::5']], [['::ffff:10.0.0.1']],
    // One address inside among outside ones is enough to refuse: the connection might take it.
    [['203.0.113.7', '192.168.0.10']], [['2001:db8::7', 'fe80::1']],
  ])('refuses a name resolving to %j', async (addresses) => {
    for (const options of [{ all: true }, {}, { family: 4 }]) {
      const { err } = await lookUp(resolvesTo(...addresses), options);
      expect(err).toBeInstanceOf(AddressNotAllowedError);
      expect(err?.message).toBe('address not allowed');
    }
  });

  it('passes on a failure to resolve, and an answer without the family asked for', async () => {
    const failing: ResolveAll = async () => { throw Object.assign(new Error('getaddrinfo ENOTFOUND hooks.partner.test'), { code: 'ENOTFOUND' }); };
    expect((await lookUp(failing)).err?.code).toBe('ENOTFOUND');
    expect((await lookUp(resolvesTo('203.0.113.7'), { family: 6 })).err?.code).toBe('ENOTFOUND');
  });
});
