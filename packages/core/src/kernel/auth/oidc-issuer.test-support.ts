import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload } from 'jose';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenOptions {
  audience?: string;
  subject?: string;
  /** Defaults to the issuer's own URL. */
  issuer?: string;
  /** Sign with this key instead of the published one (it need not be in the JWKS). */
  key?: { kid: string; privateKey: SigningKey };
  expiresIn?: string;
}

export interface LocalOidcIssuer {
  /** The issuer identifier: its base URL, as in the discovery document. */
  readonly url: string;
  /** The kid of the key the JWKS publishes. */
  readonly kid: string;
  sign(claims: JWTPayload, opts?: TokenOptions): Promise<string>;
  /** A fresh RS256 key the issuer never publishes, for forged tokens. */
  unpublishedKey(kid?: string): Promise<{ kid: string; privateKey: SigningKey }>;
  close(): Promise<void>;
}

/**
 * A district's identity provider in miniature: OIDC discovery and a JWKS with one RS256 key, on
 * 127.0.0.1. The platform fetches both exactly as it would from Keycloak or Entra ID.
 * `jwksUri` makes discovery point elsewhere, e.g. at a port nobody listens on.
 */
export async function startOidcIssuer(opts: { jwksUri?: string } = {}): Promise<LocalOidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'district-key-1';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  let url = '';
  const server: Server = createServer((req, res) => {
    const body = req.url === '/.well-known/openid-configuration'
      ? { issuer: url, jwks_uri: opts.jwksUri ?? `${url}/jwks`, id_token_signing_alg_values_supported: ['RS256'] }
      : req.url === '/jwks' ? jwks : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url, kid,
    sign: (claims, opts = {}) => {
      const key = opts.key ?? { kid, privateKey };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(opts.issuer ?? url)
        .setAudience(opts.audience ?? 'ketenhuis')
        .setSubject(opts.subject ?? 'oidc-user')
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? '5m')
        .sign(key.privateKey);
    },
    unpublishedKey: async (otherKid = 'unknown-key') => ({ kid: otherKid, privateKey: (await generateKeyPair('RS256')).privateKey }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
