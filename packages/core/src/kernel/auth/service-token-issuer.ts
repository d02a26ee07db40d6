import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { API_AUDIENCE, BUILT_IN_ALG } from './built-in-issuer';
import { rows } from '../db/rows';

/**
 * Issuer of service-account tokens (client credentials). Its keys are separate from the built-in
 * issuer's: the API signs with them as the application role, and the verifier accepts its tokens
 * only for a registered, unrevoked service account, never with a `roles` claim (ADR 0005).
 */
export const SERVICE_ISSUER = 'urn:ketenhuis:service-accounts';
export const SERVICE_TOKEN_TTL_SECONDS = 900;
const SUBJECT_PREFIX = 'service-account:';
const KEY_CACHE_MS = 60_000;

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export const serviceAccountSubject = (id: string) => `${SUBJECT_PREFIX}${id}`;
export const serviceAccountIdOf = (subject: string): string | undefined => {
  const id = subject.startsWith(SUBJECT_PREFIX) ? subject.slice(SUBJECT_PREFIX.length) : '';
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
};

export class ServiceTokenIssuer {
  private cached?: { kid: string; key: SigningKey; at: number };

  constructor(private readonly appDb: DataSource) {}

  /** The newest unretired key, created on first use (two processes racing both end up valid). */
  private async signingKey(): Promise<{ kid: string; key: SigningKey }> {
    if (this.cached && Date.now() - this.cached.at < KEY_CACHE_MS) return this.cached;
    const [row] = await rows<{ kid: string; private_jwk: JWK }>(this.appDb,
      'SELECT kid, private_jwk FROM service_token_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1');
    let kid = row?.kid;
    let privateJwk = row?.private_jwk;
    if (!kid || !privateJwk) {
      const { publicKey, privateKey } = await generateKeyPair(BUILT_IN_ALG, { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      privateJwk = await exportJWK(privateKey);
      kid = await calculateJwkThumbprint(publicJwk);
      await this.appDb.query(
        'INSERT INTO service_token_keys (kid, alg, public_jwk, private_jwk) VALUES ($1, $2, $3, $4) ON CONFLICT (kid) DO NOTHING',
        [kid, BUILT_IN_ALG, JSON.stringify({ ...publicJwk, kid, alg: BUILT_IN_ALG }), JSON.stringify(privateJwk)]);
    }
    this.cached = { kid, key: await importJWK(privateJwk, BUILT_IN_ALG), at: Date.now() };
    return this.cached;
  }

  async sign(tenantId: string, serviceAccountId: string): Promise<{ token: string; expiresIn: number }> {
    const { kid, key } = await this.signingKey();
    const token = await new SignJWT({ tid: tenantId })
      .setProtectedHeader({ alg: BUILT_IN_ALG, kid, typ: 'JWT' })
      .setIssuer(SERVICE_ISSUER)
      .setAudience(API_AUDIENCE)
      .setSubject(serviceAccountSubject(serviceAccountId))
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${SERVICE_TOKEN_TTL_SECONDS}s`)
      .sign(key);
    return { token, expiresIn: SERVICE_TOKEN_TTL_SECONDS };
  }
}
