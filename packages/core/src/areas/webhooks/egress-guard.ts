import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isLocalAddress } from './local-address';

/** Every address a host name resolves to. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: ResolveAll = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A delivery's host resolved to an address inside the platform's network; nothing was sent. */
export class AddressNotAllowedError extends Error {
  constructor() {
    super('address not allowed');
    this.name = 'AddressNotAllowedError';
  }
}

/**
 * A `lookup` for the connection itself: it resolves the host and refuses if any address is
 * local (an attacker's name may mix an inside address in with outside ones). Checking here,
 * rather than before the request, means the address that is checked is the one connected to:
 * a name that answers differently the second time (DNS rebinding) gets no second time.
 */
export function guardedLookup(resolve: ResolveAll = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const chosen = resolve(hostname).then((found) => {
      if (found.some((a) => isLocalAddress(a.address))) throw new AddressNotAllowedError();
      const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
      if (!wanted.length) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
      return wanted;
    });
    // Both outcomes in one `then`: an exception thrown by the callback itself must not call it again.
    void chosen.then(
      (wanted) => (options.all ? callback(null, wanted) : callback(null, wanted[0].address, wanted[0].family)),
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
