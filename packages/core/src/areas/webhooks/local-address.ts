import { BlockList, isIP } from 'node:net';

/**
 * Addresses inside the platform's own network, or the platform's machine itself. A webhook may
 * not reach them: a subscriber could otherwise probe or POST to internal services, and read
 * from the delivery list what answered. `0.0.0.0` and `::` count too: connecting to them
 * reaches the machine itself.
 */
const LOCAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT, some cluster networks)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) LOCAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
] as const) LOCAL.addSubnet(net, prefix, 'ipv6');

/**
 * Whether an IP address is one a webhook may not reach. IPv4-mapped IPv6 (`::ffff:10.0.0.1`)
 * is judged by its IPv4 address (BlockList does so). Anything that is not an IP address is
 * refused as well: the caller asked about an address, and an unknown form is not a safe one.
 */
export function isLocalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return LOCAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's hostname (`URL.hostname`: IPv6 in brackets, IPv4 already in dotted form) as an IP address, if it is one. */
export function ipOfHostname(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}

/**
 * Whether a URL's hostname names the platform's machine or its network without asking DNS:
 * `localhost` (and names under it, RFC 6761) or an IP address in the ranges above. Any other
 * name is judged by what it resolves to, when a delivery is sent.
 */
export function isLocalHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const ip = ipOfHostname(hostname);
  return ip !== undefined && isLocalAddress(ip);
}
