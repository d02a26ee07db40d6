import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { rows } from '../db/rows';

/** Issuer of the platform's own tokens (embedded default, tests, CLI). Not a URL: it is never fetched. */
export const BUILT_IN_ISSUER = 'urn:ketenhuis:built-in-issuer';
export const API_AUDIENCE = 'ketenhuis';
export const BUILT_IN_ALG = 'ES256';

export interface TokenRequest {
  tenantId: string;
  subject: string;
  roles?: string[];
  ttlSeconds?: number;
}

/**
 * Signs tokens with a key kept in the database. Needs the owner connection: the application role
 * can read public keys only (column grants), so a compromised API cannot mint tokens.
 */
export class BuiltInIssuer {
  constructor(private readonly ownerDb: DataSource) {}

  /** Returns the active key, creating one on first use. */
  async ensureKey(): Promise<{ kid: string; privateJwk: JWK }> {
    const [row] = await rows<{ kid: string; private_jwk: JWK }>(this.ownerDb, `SELECT kid, private_jwk FROM auth_signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`);
    if (row) return { kid: row.kid, privateJwk: row.private_jwk };
    const { publicKey, privateKey } = await generateKeyPair(BUILT_IN_ALG, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await this.ownerDb.query(
      `INSERT INTO auth_signing_keys (kid, alg, public_jwk, private_jwk) VALUES ($1, $2, $3, $4) ON CONFLICT (kid) DO NOTHING`,
      [kid, BUILT_IN_ALG, JSON.stringify({ ...publicJwk, kid, alg: BUILT_IN_ALG }), JSON.stringify(privateJwk)],
    );
    return { kid, privateJwk };
  }

  async sign(req: TokenRequest): Promise<string> {
    const { kid, privateJwk } = await this.ensureKey();
    const key = await importJWK(privateJwk, BUILT_IN_ALG);
    return new SignJWT({ tid: req.tenantId, roles: req.roles ?? [] })
      .setProtectedHeader({ alg: BUILT_IN_ALG, kid, typ: 'JWT' })
      .setIssuer(BUILT_IN_ISSUER)
      .setAudience(API_AUDIENCE)
      .setSubject(req.subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${req.ttlSeconds ?? 3600}s`)
      .sign(key);
  }
}
