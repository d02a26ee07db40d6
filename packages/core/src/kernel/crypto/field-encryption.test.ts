import { FieldCipher, FieldDecryptionError } from './field-encryption';
import { KeyRing } from './key-ring';

const key = (fill: number) => Buffer.alloc(32, fill);
const INDEX = key(9);
const TENANT_A = '7f3c2a10-0000-4000-8000-00000000000a';
const TENANT_B = '7f3c2a10-0000-4000-8000-00000000000b';
const SECRET = '85041200194'; // synthetic

const ringK1 = new KeyRing([{ id: 'k1', key: key(1) }], INDEX);
const cipher = new FieldCipher(ringK1);

function decryptError(c: FieldCipher, ciphertext: string, tenant = TENANT_A): FieldDecryptionError {
  try {
    c.decrypt(ciphertext, tenant);
  } catch (err) {
    expect(err).toBeInstanceOf(FieldDecryptionError);
    const message = (err as Error).message;
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(key(1).toString('base64'));
    return err as FieldDecryptionError;
  }
  throw new Error('decrypt unexpectedly succeeded');
}

/** Flips one bit of a base64url part and re-encodes it canonically. */
function tamper(ciphertext: string, part: 2 | 3 | 4): string {
  const parts = ciphertext.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldCipher', () => {
  it('round-trips, including empty and non-ASCII text', () => {
    for (const plaintext of [SECRET, '', 'Zoë Vandenbroucke – Sint-Niklaas 🏠']) {
      expect(cipher.decrypt(cipher.encrypt(plaintext, TENANT_A), TENANT_A)).toBe(plaintext);
    }
  });

  it('writes v1.<keyId>.<iv>.<tag>.<data> with a fresh 96-bit IV every time', () => {
    const a = cipher.encrypt(SECRET, TENANT_A);
    const b = cipher.encrypt(SECRET, TENANT_A);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{15}$/);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toContain(SECRET);
  });

  it("refuses another tenant's id", () => {
    const ciphertext = cipher.encrypt(SECRET, TENANT_A);
    expect(decryptError(cipher, ciphertext, TENANT_B).message).toBe('ciphertext failed authentication: another tenant, another key or altered data');
  });

  it.each([[2, 'iv'], [3, 'tag'], [4, 'data']] as const)('refuses a tampered part %s (%s)', (part, _name) => {
    const ciphertext = cipher.encrypt(SECRET, TENANT_A);
    expect(decryptError(cipher, tamper(ciphertext, part)).message).toMatch(/failed authentication/);
  });

  it('refuses the same key id bound to other key bytes', () => {
    const ciphertext = cipher.encrypt(SECRET, TENANT_A);
    const impostor = new FieldCipher(new KeyRing([{ id: 'k1', key: key(3) }], INDEX));
    expect(decryptError(impostor, ciphertext).message).toMatch(/failed authentication/);
  });

  it('names an unknown key id and the variable that would fix it', () => {
    const ciphertext = cipher.encrypt(SECRET, TENANT_A).replace('v1.k1.', 'v1.k9.');
    expect(decryptError(cipher, ciphertext).message).toBe('unknown encryption key id "k9"; add that key to KETENHUIS_ENCRYPTION_KEYS to read data written with it');
  });

  it.each([
    ['not a ciphertext', 'ciphertext is not in the v1.<keyId>.<iv>.<tag>.<data> format'],
    ['v1.k1.a.b', 'ciphertext is not in the v1.<keyId>.<iv>.<tag>.<data> format'],
    ['v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA', 'unsupported ciphertext version v2'],
    ['v1.k1.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AA', 'ciphertext is not in the v1.<keyId>.<iv>.<tag>.<data> format'], // short IV
    ['v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAA.AA', 'ciphertext is not in the v1.<keyId>.<iv>.<tag>.<data> format'], // truncated tag
    ['v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.A+/=', 'ciphertext is not in the v1.<keyId>.<iv>.<tag>.<data> format'],
  ])('refuses the malformed %j', (ciphertext, message) => {
    expect(decryptError(cipher, ciphertext).message).toBe(message);
  });

  it('refuses a missing tenant id instead of binding to nothing', () => {
    expect(() => cipher.encrypt(SECRET, '')).toThrow(TypeError);
    expect(() => cipher.blindIndex(SECRET, '')).toThrow(TypeError);
  });
});

describe('key rotation', () => {
  it('encrypts with the new key and still reads data written with the old one', () => {
    const old = cipher.encrypt(SECRET, TENANT_A);
    const rotated = new FieldCipher(new KeyRing([{ id: 'k2', key: key(2) }, { id: 'k1', key: key(1) }], INDEX));
    expect(rotated.decrypt(old, TENANT_A)).toBe(SECRET);
    const fresh = rotated.encrypt(SECRET, TENANT_A);
    expect(fresh.startsWith('v1.k2.')).toBe(true);
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(fresh)).toBe(false);
    // Once k1 is retired, its data no longer decrypts; new data never needed it.
    const retired = new FieldCipher(new KeyRing([{ id: 'k2', key: key(2) }], INDEX));
    expect(retired.decrypt(fresh, TENANT_A)).toBe(SECRET);
    expect(decryptError(retired, old).message).toMatch(/unknown encryption key id "k1"/);
  });
});

describe('blindIndex', () => {
  it('is stable for one tenant and differs between tenants and values', () => {
    const a = cipher.blindIndex(SECRET, TENANT_A);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cipher.blindIndex(SECRET, TENANT_A)).toBe(a);
    expect(new FieldCipher(new KeyRing([{ id: 'k1', key: key(1) }], INDEX)).blindIndex(SECRET, TENANT_A)).toBe(a);
    expect(cipher.blindIndex(SECRET, TENANT_B)).not.toBe(a);
    expect(cipher.blindIndex('85041200293', TENANT_A)).not.toBe(a);
    expect(a).not.toContain(SECRET);
  });

  it('survives encryption-key rotation but depends on the index key', () => {
    const rotated = new FieldCipher(new KeyRing([{ id: 'k2', key: key(2) }, { id: 'k1', key: key(1) }], INDEX));
    expect(rotated.blindIndex(SECRET, TENANT_A)).toBe(cipher.blindIndex(SECRET, TENANT_A));
    const otherIndex = new FieldCipher(new KeyRing([{ id: 'k1', key: key(1) }], key(8)));
    expect(otherIndex.blindIndex(SECRET, TENANT_A)).not.toBe(cipher.blindIndex(SECRET, TENANT_A));
  });

  it('keeps the tenant and the value apart (no concatenation collisions)', () => {
    expect(cipher.blindIndex('bc', 'a')).not.toBe(cipher.blindIndex('c', 'ab'));
  });
});
