import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, errors as joseErrors, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import { rows } from '../db/rows';
import { API_AUDIENCE, BUILT_IN_ALG, BUILT_IN_ISSUER } from './built-in-issuer';
import type { TenantRegistry } from '../tenancy/tenants';
import { SERVICE_ISSUER, serviceAccountIdOf } from './service-token-issuer';

type ImportedKey = Awaited<ReturnType<typeof importJWK>>;

export interface VerifiedToken {
  tenantId: string;
  tenantSlug: string;
  subject: string;
  roles: string[];
  claims: JWTPayload;
  /** Service-account tokens carry no roles; the account's row decides what they may do. */
  kind: 'user' | 'service-account';
}

/** A refusal; the message is safe to show the caller. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface TokenVerifierOptions {
  /** Accept tokens of the built-in issuer (embedded default, tests). Turn off where every district has its own IdP. */
  builtInIssuer: boolean;
  /** Seconds of clock skew tolerated. */
  clockToleranceSeconds?: number;
}

const KEY_CACHE_MS = 60_000;
/** Verified tokens kept at most; the oldest goes first. A few MB for as many active sessions. */
const VERIFIED_MAX = 10_000;

/**
 * Verifies bearer tokens: the tenant comes only from what the signature covers (the issuer
 * registered for a tenant, or the built-in issuer's `tid` claim), never from a header or
 * parameter. Algorithms are pinned per issuer, so `alg: none` and algorithm swaps fail.
 */
export class TokenVerifier {
  private builtInKeys = new Map<string, { key: ImportedKey; at: number }>();
  private serviceKeys = new Map<string, { key: ImportedKey; at: number }>();
  /** Tenants named by built-in tokens: a database round trip per request otherwise; few, and rarely changed. */
  private knownTenants = new Map<string, { tenant: { id: string; slug: string }; at: number }>();
  private remoteSets = new Map<string, { getKey: JWTVerifyGetKey; at: number }>();
  /**
   * Tokens already verified, by their SHA-256 (the token itself is not kept): checking an ES256
   * signature is the costliest step of a request, and a client sends the same token many times.
   * An entry lives until the token expires, at most as long as a cached key or tenant, so a
   * retired key or deleted tenant stops a token here no later than it would without this cache.
   */
  private verified = new Map<string, { token: VerifiedToken; until: number }>();
  /** How many tokens had their signature checked (not answered from the cache). */
  signatureChecks = 0;

  constructor(private readonly appDb: DataSource, private readonly tenants: TenantRegistry, private readonly opts: TokenVerifierOptions) {}

  private get clockTolerance(): number {
    return this.opts.clockToleranceSeconds ?? 5;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const digest = createHash('sha256').update(token).digest('base64url');
    const known = this.verified.get(digest);
    if (known && Date.now() < known.until) return known.token;
    if (known) this.verified.delete(digest);
    const verified = await this.verifySignature(token);
    this.remember(digest, verified);
    return verified;
  }

  private remember(digest: string, token: VerifiedToken): void {
    const until = Math.min(((token.claims.exp ?? 0) + this.clockTolerance) * 1000, Date.now() + KEY_CACHE_MS);
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, { token, until });
  }

  private async verifySignature(token: string): Promise<VerifiedToken> {
    this.signatureChecks += 1;
    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      throw new TokenError('The bearer token is malformed');
    }
    if (!header.alg || header.alg === 'none') throw new TokenError('Unsigned tokens are refused');
    if (typeof unverified.iss !== 'string') throw new TokenError('The token has no issuer');

    try {
      if (unverified.iss === BUILT_IN_ISSUER) return await this.verifyBuiltIn(token, header.kid);
      if (unverified.iss === SERVICE_ISSUER) return await this.verifyService(token, header.kid);
      return await this.verifyExternal(token, unverified.iss);
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('The token has expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) throw new TokenError(`The token's "${err.claim}" claim is not accepted`);
      if (err instanceof joseErrors.JOSEAlgNotAllowed) throw new TokenError('The token is signed with an algorithm this issuer does not use');
      if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw new TokenError('The token signature is invalid');
      if (err instanceof joseErrors.JWKSNoMatchingKey) throw new TokenError('The token was signed with an unknown key');
      if (err instanceof joseErrors.JOSEError) throw new TokenError('The token could not be verified');
      // A failure of our own (the database) is not the caller's fault: answering 401 would send
      // every client to log in again during an outage.
      throw err;
    }
  }

  private async verifyBuiltIn(token: string, kid: string | undefined): Promise<VerifiedToken> {
    if (!this.opts.builtInIssuer) throw new TokenError('The built-in issuer is disabled on this platform');
    if (!kid) throw new TokenError('The token names no key');
    const key = await this.builtInKey(kid);
    const { payload } = await jwtVerify(token, key, {
      issuer: BUILT_IN_ISSUER,
      audience: API_AUDIENCE,
      algorithms: [BUILT_IN_ALG],
      clockTolerance: this.clockTolerance,
      requiredClaims: ['sub', 'exp', 'tid'],
    });
    const tenant = typeof payload.tid === 'string' && /^[0-9a-f-]{36}$/.test(payload.tid) ? await this.tenantById(payload.tid) : undefined;
    if (!tenant) throw new TokenError('The token names no known tenant');
    return { tenantId: tenant.id, tenantSlug: tenant.slug, subject: payload.sub!, roles: rolesOf(payload), claims: payload, kind: 'user' };
  }

  /**
   * Tokens the API itself signed for a service account (client credentials). The application
   * role can read these keys, so such a token counts only as the service account it names: no
   * roles, and the account must still exist unrevoked (checked per request, see ActorResolver).
   */
  private async verifyService(token: string, kid: string | undefined): Promise<VerifiedToken> {
    if (!kid) throw new TokenError('The token names no key');
    const key = await this.cachedKey(this.serviceKeys, 'service_token_keys', kid);
    const { payload } = await jwtVerify(token, key, {
      issuer: SERVICE_ISSUER,
      audience: API_AUDIENCE,
      algorithms: [BUILT_IN_ALG],
      clockTolerance: this.clockTolerance,
      requiredClaims: ['sub', 'exp', 'tid'],
    });
    if (!serviceAccountIdOf(payload.sub!)) throw new TokenError('The token names no service account');
    const tenant = typeof payload.tid === 'string' && /^[0-9a-f-]{36}$/.test(payload.tid) ? await this.tenantById(payload.tid) : undefined;
    if (!tenant) throw new TokenError('The token names no known tenant');
    return { tenantId: tenant.id, tenantSlug: tenant.slug, subject: payload.sub!, roles: [], claims: payload, kind: 'service-account' };
  }

  private async tenantById(id: string): Promise<{ id: string; slug: string } | undefined> {
    const cached = this.knownTenants.get(id);
    if (cached && Date.now() - cached.at < KEY_CACHE_MS) return cached.tenant;
    const tenant = await this.tenants.findById(id);
    if (tenant) this.knownTenants.set(id, { tenant: { id: tenant.id, slug: tenant.slug }, at: Date.now() });
    return tenant;
  }

  private builtInKey(kid: string): Promise<ImportedKey> {
    return this.cachedKey(this.builtInKeys, 'auth_signing_keys', kid);
  }

  private async cachedKey(cache: Map<string, { key: ImportedKey; at: number }>, table: 'auth_signing_keys' | 'service_token_keys', kid: string): Promise<ImportedKey> {
    const cached = cache.get(kid);
    if (cached && Date.now() - cached.at < KEY_CACHE_MS) return cached.key;
    const [row] = await rows<{ public_jwk: JWK }>(this.appDb, `SELECT public_jwk FROM ${table} WHERE kid = $1 AND retired_at IS NULL`, [kid]);
    if (!row) throw new TokenError('The token was signed with an unknown or retired key');
    const key = await importJWK(row.public_jwk, BUILT_IN_ALG);
    cache.set(kid, { key, at: Date.now() });
    return key;
  }

  private async verifyExternal(token: string, issuer: string): Promise<VerifiedToken> {
    const tenant = await this.tenants.findByIssuer(issuer);
    if (!tenant) throw new TokenError('The token issuer is not registered for any district');
    const getKey = await this.remoteKeys(issuer);
    const { payload } = await jwtVerify(token, getKey, {
      issuer,
      audience: tenant.oidcAudience ?? API_AUDIENCE,
      algorithms: tenant.oidcAlgorithms,
      clockTolerance: this.clockTolerance,
      requiredClaims: ['sub', 'exp'],
    });
    return { tenantId: tenant.id, tenantSlug: tenant.slug, subject: payload.sub!, roles: rolesOf(payload), claims: payload, kind: 'user' };
  }

  /** OIDC discovery once per issuer (refreshed hourly); jose caches and rotates the JWKS itself. */
  private async remoteKeys(issuer: string): Promise<JWTVerifyGetKey> {
    const cached = this.remoteSets.get(issuer);
    if (cached && Date.now() - cached.at < 3_600_000) return cached.getKey;
    const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (!res?.ok) throw new TokenError('The token issuer cannot be reached for its keys');
    const discovery = (await res.json().catch(() => ({}))) as { issuer?: string; jwks_uri?: string };
    if (discovery.issuer !== issuer || !discovery.jwks_uri || !URL.canParse(discovery.jwks_uri)) throw new TokenError('The issuer publishes an inconsistent discovery document');
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri), { timeoutDuration: 5000 });
    // An unreachable JWKS surfaces as a plain fetch error; it is the issuer's outage, not ours.
    const getKey: JWTVerifyGetKey = (header, token) => jwks(header, token).catch((err: unknown) => {
      throw err instanceof joseErrors.JOSEError ? err : new TokenError('The token issuer cannot be reached for its keys');
    });
    this.remoteSets.set(issuer, { getKey, at: Date.now() });
    return getKey;
  }
}

function rolesOf(payload: JWTPayload): string[] {
  const roles = payload.roles ?? (payload.realm_access as { roles?: unknown } | undefined)?.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}
