import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Client secrets of service accounts: 32 random bytes shown once, stored as a salted scrypt hash
 * (`scrypt$N$r$p$salt$hash`, base64url). The parameters travel with the hash so they can be
 * raised later without invalidating existing secrets.
 */
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const PREFIX = 'khs_';

const scrypt = (secret: string, salt: Buffer, opts: ScryptOptions) => new Promise<Buffer>((resolve, reject) =>
  scryptCb(secret, salt, KEY_LENGTH, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))));

export const generateClientSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64url')}`;

export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** Spends the time a real check takes, so an unknown client cannot be told from a wrong secret by timing. */
export async function burnVerification(secret: string): Promise<false> {
  dummy ??= hashClientSecret(generateClientSecret());
  await verifyClientSecret(secret, await dummy);
  return false;
}
