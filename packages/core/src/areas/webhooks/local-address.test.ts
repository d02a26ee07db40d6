import { ipOfHostname, isLocalAddress, isLocalHostname } from './local-address';

describe('isLocalAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.168.255.255',
    '169.254.0.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3',
  ])('IPv4 %s is local', (ip) => expect(isLocalAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '203.0.113.7', '172.15.255.255', '172.32.0.0', '192.169.0.1', '169.255.0.1', '11.0.0.1', '100.63.255.255', '100.128.0.0', '128.0.0.1'])(
    'IPv4 %s is not', (ip) => expect(isLocalAddress(ip)).toBe(false));

  it.each(['::1', '::', 'fc00::1', 'fd12:3456:789a::1', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fe80::1', 'febf::1', 'FE80::ABCD'])(
    'IPv6 %s is local', (ip) => expect(isLocalAddress(ip)).toBe(true));

  it.each(['2001:db8::1', '2a00:1450:4001::200e', 'fe00::1', 'fec0::1', 'fb00::1', '::2'])('IPv6 %s is not', (ip) => expect(isLocalAddress(ip)).toBe(false));

  it('judges IPv4-mapped IPv6 by its IPv4 address, in either spelling', () => {
    for (const ip of ['::ffff:10.0.0.1', '::ffff:a00:1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:192.168.1.1']) {
      expect([ip, isLocalAddress(ip)]).toEqual([ip, true]);
    }
    expect(isLocalAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isLocalAddress('::ffff:cb00:7107')).toBe(false);
  });

  it('refuses what is not an address at all', () => {
    expect(isLocalAddress('partner.example')).toBe(true);
    expect(isLocalAddress('')).toBe(true);
    expect(isLocalAddress('[::1]')).toBe(true);
  });
});

describe('isLocalHostname', () => {
  it.each(['localhost', 'LocalHost', 'localhost.', 'api.localhost', '127.0.0.1', '[::1]', '[::ffff:a00:1]', '10.1.2.3', '[fe80::1]'])(
    '%s is local without asking DNS', (host) => expect(isLocalHostname(host)).toBe(true));

  it.each(['partner.example', 'localhost.partner.example', 'mylocalhost', '203.0.113.7', '[2001:db8::1]'])(
    '%s is left to what it resolves to', (host) => expect(isLocalHostname(host)).toBe(false));

  it('reads an IP address out of a URL hostname', () => {
    expect(ipOfHostname('[::1]')).toBe('::1');
    expect(ipOfHostname('10.0.0.1')).toBe('10.0.0.1');
    expect(ipOfHostname('partner.example')).toBeUndefined();
  });
});
