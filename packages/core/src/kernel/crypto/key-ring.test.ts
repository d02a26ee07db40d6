import { inspect } from 'node:util';
import { ConfigError } from '../config/config';
import { generateKeyMaterial, KeyRing, keyRingFromEnv } from './key-ring';

const b64 = (fill: number, length = 32) => Buffer.alloc(length, fill).toString('base64');
const K1 = b64(1);
const K2 = b64(2);
const INDEX = b64(9);

describe('keyRingFromEnv', () => {
  it('reads the keys, the first being active, and the index key', () => {
    const ring = keyRingFromEnv({ KETENHUIS_ENCRYPTION_KEYS: ` k2:${K2} , k1:${K1}`, KETENHUIS_INDEX_KEY: INDEX });
    expect(ring.activeKeyId).toBe('k2');
    expect(ring.keyIds).toEqual(['k2', 'k1']);
    expect(ring.encryptionKey('k1')).toEqual(Buffer.alloc(32, 1));
    expect(ring.indexKey()).toEqual(Buffer.alloc(32, 9));
  });

  it('accepts the URL-safe alphabet and a missing padding', () => {
    const key = Buffer.alloc(32, 0xfb);
    const ring = keyRingFromEnv({ KETENHUIS_ENCRYPTION_KEYS: `k1:${key.toString('base64url')}`, KETENHUIS_INDEX_KEY: INDEX });
    expect(ring.encryptionKey('k1')).toEqual(key);
  });

  it.each([
    [{ KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /is not set/],
    [{ KETENHUIS_ENCRYPTION_KEYS: ' ', KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /is not set/],
    [{ KETENHUIS_ENCRYPTION_KEYS: K1, KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /entry 1 is not "<keyId>:<base64 key>"/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${K1},bad id:${K2}`, KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /entry 2 has an invalid key id/],
    [{ KETENHUIS_ENCRYPTION_KEYS: 'k1:not base64!', KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /key "k1" is not valid base64/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${b64(1, 16)}`, KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /key "k1" is 16 bytes; keys must be 32/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${K1},k1:${K2}`, KETENHUIS_INDEX_KEY: INDEX }, 'KETENHUIS_ENCRYPTION_KEYS', /key id "k1" appears twice/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${K1}` }, 'KETENHUIS_INDEX_KEY', /is not set/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${K1}`, KETENHUIS_INDEX_KEY: '%%%' }, 'KETENHUIS_INDEX_KEY', /is not valid base64/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${K1}`, KETENHUIS_INDEX_KEY: b64(9, 31) }, 'KETENHUIS_INDEX_KEY', /is 31 bytes; it must be 32/],
    [{ KETENHUIS_ENCRYPTION_KEYS: `k1:${K1}`, KETENHUIS_INDEX_KEY: K1 }, 'KETENHUIS_INDEX_KEY', /must differ from encryption key "k1"/],
  ])('refuses %j naming %s', (env, variable, message) => {
    let error: unknown;
    try {
      keyRingFromEnv(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^${variable}: `));
    expect((error as Error).message).toMatch(message);
    // The message must not carry key material, not even a short or mistyped key.
    for (const value of Object.values(env)) {
      const secret = value!.includes(':') ? value!.split(',').map((e) => e.split(':')[1]) : [value!];
      for (const s of secret) if (s && s.trim().length >= 8) expect((error as Error).message).not.toContain(s.trim());
    }
  });
});

describe('KeyRing', () => {
  it('keeps key bytes out of JSON and inspection', () => {
    const ring = new KeyRing([{ id: 'k1', key: Buffer.alloc(32, 1) }], Buffer.alloc(32, 9));
    expect(JSON.stringify(ring)).toBe('{"activeKeyId":"k1","keyIds":["k1"]}');
    expect(inspect(ring, { depth: 5, showHidden: true })).not.toContain(K1);
    expect(inspect(ring, { depth: 5, showHidden: true })).not.toMatch(/01 01 01/);
  });

  it('refuses an empty ring and bad ids directly too', () => {
    expect(() => new KeyRing([], Buffer.alloc(32))).toThrow('a key ring needs at least one encryption key');
    expect(() => new KeyRing([{ id: 'a.b', key: Buffer.alloc(32, 1) }], Buffer.alloc(32, 9))).toThrow(/key id "a.b"/);
    expect(() => new KeyRing([{ id: 'k1', key: Buffer.alloc(32, 1) }], Buffer.alloc(16, 9))).toThrow('the index key is 16 bytes; it must be 32 bytes');
  });
});

describe('generateKeyMaterial', () => {
  it('returns fresh values that keyRingFromEnv reads back', () => {
    const first = generateKeyMaterial();
    const second = generateKeyMaterial('k7');
    expect(first.KETENHUIS_ENCRYPTION_KEYS).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
    expect(second.KETENHUIS_ENCRYPTION_KEYS).toMatch(/^k7:/);
    expect(first.KETENHUIS_INDEX_KEY).not.toBe(second.KETENHUIS_INDEX_KEY);
    expect(first.KETENHUIS_ENCRYPTION_KEYS.slice(3)).not.toBe(second.KETENHUIS_ENCRYPTION_KEYS.slice(3));
    const ring = keyRingFromEnv(first);
    expect(ring.activeKeyId).toBe('k1');
    expect(ring.indexKey()).toEqual(Buffer.from(first.KETENHUIS_INDEX_KEY, 'base64'));
  });

  it('refuses a key id that cannot travel in a ciphertext', () => {
    expect(() => generateKeyMaterial('k.1')).toThrow(/key id "k.1"/);
  });
});
