import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config/config';

export const KEY_BYTES = 32;
/** Key ids travel inside every ciphertext, so they stay short and free of the `.` separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const ENCRYPTION_KEYS_VARIABLE = 'KETENHUIS_ENCRYPTION_KEYS';
export const INDEX_KEY_VARIABLE = 'KETENHUIS_INDEX_KEY';

export interface EncryptionKey {
  id: string;
  key: Uint8Array;
}

/**
 * The field-encryption keys: the first encrypts, all of them decrypt, so a new key is put in
 * front and the old ones stay until their data has been re-encrypted. The blind-index key is
 * separate: the index must stay stable while encryption keys rotate.
 * Key bytes live in private fields, so neither JSON.stringify nor util.inspect shows them.
 */
export class KeyRing {
  readonly #keys = new Map<string, Buffer>();
  readonly #indexKey: Buffer;
  readonly activeKeyId: string;

  constructor(encryptionKeys: readonly EncryptionKey[], indexKey: Uint8Array) {
    if (encryptionKeys.length === 0) throw new Error('a key ring needs at least one encryption key');
    for (const { id, key } of encryptionKeys) {
      if (!KEY_ID_PATTERN.test(id)) throw new Error(`key id "${id}" must be 1-32 letters, digits, "-" or "_"`);
      if (this.#keys.has(id)) throw new Error(`key id "${id}" appears twice`);
      if (key.length !== KEY_BYTES) throw new Error(`key "${id}" is ${key.length} bytes; keys must be ${KEY_BYTES} bytes`);
      this.#keys.set(id, Buffer.from(key));
    }
    if (indexKey.length !== KEY_BYTES) throw new Error(`the index key is ${indexKey.length} bytes; it must be ${KEY_BYTES} bytes`);
    this.#indexKey = Buffer.from(indexKey);
    // One key in two roles would tie the index to the encryption key's rotation.
    for (const [id, key] of this.#keys) {
      if (key.equals(this.#indexKey)) throw new Error(`the index key must differ from encryption key "${id}"`);
    }
    this.activeKeyId = encryptionKeys[0].id;
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  activeKey(): { id: string; key: Buffer } {
    return { id: this.activeKeyId, key: this.#keys.get(this.activeKeyId)! };
  }

  encryptionKey(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  indexKey(): Buffer {
    return this.#indexKey;
  }

  toJSON(): { activeKeyId: string; keyIds: string[] } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds };
  }
}

/** Strict base64 (either alphabet, padding optional): a typo must not decode to a wrong key. */
function decodeKey(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64');
}

/**
 * Reads `KETENHUIS_ENCRYPTION_KEYS` (`k2:<base64>,k1:<base64>`, first = active) and
 * `KETENHUIS_INDEX_KEY` (`<base64>`). Errors name the variable and the entry, never key bytes.
 */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): KeyRing {
  const rawKeys = env[ENCRYPTION_KEYS_VARIABLE]?.trim();
  if (!rawKeys) throw new ConfigError(ENCRYPTION_KEYS_VARIABLE, 'is not set; expected "<keyId>:<base64 of 32 bytes>", comma-separated, the active key first');
  const entries = rawKeys.split(',').map((s) => s.trim());
  const keys: { id: string; key: Buffer }[] = entries.map((entry, index) => {
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new ConfigError(ENCRYPTION_KEYS_VARIABLE, `${where} is not "<keyId>:<base64 key>"`);
    const id = entry.slice(0, colon).trim();
    if (!KEY_ID_PATTERN.test(id)) throw new ConfigError(ENCRYPTION_KEYS_VARIABLE, `${where} has an invalid key id; use 1-32 letters, digits, "-" or "_"`);
    const key = decodeKey(entry.slice(colon + 1).trim());
    if (!key) throw new ConfigError(ENCRYPTION_KEYS_VARIABLE, `key "${id}" is not valid base64`);
    if (key.length !== KEY_BYTES) throw new ConfigError(ENCRYPTION_KEYS_VARIABLE, `key "${id}" is ${key.length} bytes; keys must be ${KEY_BYTES} random bytes`);
    return { id, key };
  });
  const duplicate = keys.find((k, i) => keys.findIndex((other) => other.id === k.id) !== i);
  if (duplicate) throw new ConfigError(ENCRYPTION_KEYS_VARIABLE, `key id "${duplicate.id}" appears twice`);

  const rawIndex = env[INDEX_KEY_VARIABLE]?.trim();
  if (!rawIndex) throw new ConfigError(INDEX_KEY_VARIABLE, 'is not set; expected the base64 of 32 random bytes');
  const indexKey = decodeKey(rawIndex);
  if (!indexKey) throw new ConfigError(INDEX_KEY_VARIABLE, 'is not valid base64');
  if (indexKey.length !== KEY_BYTES) throw new ConfigError(INDEX_KEY_VARIABLE, `is ${indexKey.length} bytes; it must be ${KEY_BYTES} random bytes`);
  const shared = keys.find((k) => k.key.equals(indexKey));
  if (shared) throw new ConfigError(INDEX_KEY_VARIABLE, `must differ from encryption key "${shared.id}"`);

  return new KeyRing(keys, indexKey);
}

/**
 * Fresh key material in the environment's own format, for a deployment (or the embedded
 * default's data folder) to persist once and hand back to keyRingFromEnv on every start.
 */
export function generateKeyMaterial(keyId = 'k1'): { KETENHUIS_ENCRYPTION_KEYS: string; KETENHUIS_INDEX_KEY: string } {
  if (!KEY_ID_PATTERN.test(keyId)) throw new Error(`key id "${keyId}" must be 1-32 letters, digits, "-" or "_"`);
  return {
    KETENHUIS_ENCRYPTION_KEYS: `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`,
    KETENHUIS_INDEX_KEY: randomBytes(KEY_BYTES).toString('base64'),
  };
}
