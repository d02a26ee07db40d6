import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ENCRYPTION_KEYS_VARIABLE, KEY_ID_PATTERN, type KeyRing } from './key-ring';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BLIND_INDEX_DOMAIN = Buffer.from('ketenhuis.blind-index.v1\0', 'utf8');

/** Decryption failures carry no plaintext, key bytes or crypto-library detail. */
export class FieldDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

const MALFORMED = 'ciphertext is not in the v1.<keyId>.<iv>.<tag>.<data> format';

function requireTenant(tenantId: string): Buffer {
  // Binding to an empty tenant would bind to nothing: that is a caller bug, not a value.
  if (typeof tenantId !== 'string' || tenantId.length === 0) throw new TypeError('a tenant id is required');
  return Buffer.from(tenantId, 'utf8');
}

/** Canonical base64url only, so one ciphertext has exactly one spelling. */
function decodePart(part: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

/**
 * AES-256-GCM for sensitive fields, done in the application so the database only ever holds
 * ciphertext. The tenant id is the associated data: a value copied into another tenant's rows
 * does not decrypt there. The key id travels with the ciphertext so keys can rotate.
 */
export class FieldCipher {
  constructor(private readonly keys: KeyRing) {}

  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts, a fresh random 96-bit IV each time. */
  encrypt(plaintext: string, tenantId: string): string {
    const aad = requireTenant(tenantId);
    const { id, key } = this.keys.activeKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string, tenantId: string): string {
    const aad = requireTenant(tenantId);
    const { keyId, iv, tag, data } = this.split(ciphertext);
    const key = this.keys.encryptionKey(keyId);
    if (!key) throw new FieldDecryptionError(`unknown encryption key id "${keyId}"; add that key to ${ENCRYPTION_KEYS_VARIABLE} to read data written with it`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('ciphertext failed authentication: another tenant, another key or altered data');
    }
  }

  /** Whether a stored value was written with an older key and should be re-encrypted. */
  needsRotation(ciphertext: string): boolean {
    return this.split(ciphertext).keyId !== this.keys.activeKeyId;
  }

  /**
   * A keyed hash to find a value (a national number's 11 digits) without decrypting: equal
   * inputs give equal indexes within a tenant, and differ across tenants so indexes cannot be
   * joined between tenants. Pass the normalised form, or equal values will not meet.
   */
  blindIndex(normalised: string, tenantId: string): string {
    const tenant = requireTenant(tenantId);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(tenant.length);
    // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
    return createHmac('sha256', this.keys.indexKey())
      .update(BLIND_INDEX_DOMAIN).update(length).update(tenant).update(normalised, 'utf8')
      .digest('base64url');
  }

  private split(ciphertext: string): { keyId: string; iv: Buffer; tag: Buffer; data: Buffer } {
    const parts = typeof ciphertext === 'string' ? ciphertext.split('.') : [];
    if (parts.length !== 5) throw new FieldDecryptionError(MALFORMED);
    const [version, keyId, ivPart, tagPart, dataPart] = parts;
    if (version !== VERSION) throw new FieldDecryptionError(/^v\d{1,3}$/.test(version) ? `unsupported ciphertext version ${version}` : MALFORMED);
    if (!KEY_ID_PATTERN.test(keyId)) throw new FieldDecryptionError(MALFORMED);
    const [iv, tag, data] = [decodePart(ivPart), decodePart(tagPart), decodePart(dataPart)];
    if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !data) throw new FieldDecryptionError(MALFORMED);
    return { keyId, iv, tag, data };
  }
}
