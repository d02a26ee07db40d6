import { SignJWT, exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';
import { fixtureModule, expectProblem } from '@ketenhuis/testing';
import { API_AUDIENCE, BUILT_IN_ISSUER, BuiltInIssuer, type Tenant } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';

type PublicKey = Parameters<typeof exportSPKI>[0];

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

// Tokens of the built-in issuer: everything that is not exactly what it signs is refused, and
// the tenant comes from the signed `tid` claim only.
describe('authentication with the built-in issuer', () => {
  let t: TestPlatform;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let kid: string;
  let privateJwk: JWK;
  let publicJwk: JWK;

  /** Signs with the platform's real key, so only the claim under test is wrong. */
  async function signGenuine(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT({ tid: limburg.id, roles: [], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT', ...header })
      .setIssuer((claims.iss as string | undefined) ?? BUILT_IN_ISSUER)
      .setAudience((claims.aud as string | undefined) ?? API_AUDIENCE)
      .setSubject('test-user')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(privateJwk, 'ES256'));
  }

  const tenantOf = async (token: string, headers: Record<string, string> = {}) => {
    const res = await t.request('GET', '/api/v1/tenant', { token, headers });
    expect(res.status).toBe(200);
    return (await res.json()) as { id: string; slug: string };
  };

  const expectRefused = async (token: string) => {
    const res = await t.request('GET', '/api/v1/tenant', { token });
    const body = await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    return body;
  };

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    ({ kid, privateJwk } = await new BuiltInIssuer(t.admin).ensureKey());
    [{ public_jwk: publicJwk }] = await t.admin.query('SELECT public_jwk FROM auth_signing_keys WHERE kid = $1', [kid]);
  });
  afterAll(() => t.close());

  it('a valid token gets its own tenant', async () => {
    expect(await tenantOf(await t.token(limburg))).toMatchObject({ id: limburg.id, slug: 'limburg' });
    expect(await tenantOf(await signGenuine({ tid: antwerpen.id }))).toMatchObject({ id: antwerpen.id, slug: 'antwerpen' });
  });

  it('refuses a forged signature: another key under the same kid and claims', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ tid: limburg.id, roles: ['administratief-medewerker'] })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(BUILT_IN_ISSUER).setAudience(API_AUDIENCE).setSubject('test-user')
      .setIssuedAt().setExpirationTime('5m')
      .sign(privateKey);
    expect((await expectRefused(forged)).detail).toMatch(/signature/);
  });

  it('refuses a tampered payload under a genuine signature', async () => {
    const [header, , signature] = (await t.token(limburg)).split('.');
    const payload = b64url({ tid: antwerpen.id, roles: ['tenant-beheerder'], iss: BUILT_IN_ISSUER, aud: API_AUDIENCE, sub: 'test-user', exp: Math.floor(Date.now() / 1000) + 300 });
    await expectRefused(`${header}.${payload}.${signature}`);
  });

  it('refuses an expired token', async () => {
    expect((await expectRefused(await t.token(limburg, { ttlSeconds: -120 }))).detail).toMatch(/expired/);
  });

  it('refuses a token for another audience', async () => {
    expect((await expectRefused(await signGenuine({ aud: 'some-other-api' }))).detail).toMatch(/"aud"/);
  });

  it('refuses a token of another issuer, even one signed with the platform key', async () => {
    await expectRefused(await signGenuine({ iss: 'urn:someone-else' }));
    await expectRefused(await signGenuine({ iss: 'https://login.example.org/realms/elsewhere' }));
  });

  it.each(['none', 'None', 'NONE'])('refuses an unsigned token (alg: %s)', async (alg) => {
    const claims = { tid: limburg.id, roles: ['tenant-beheerder'], iss: BUILT_IN_ISSUER, aud: API_AUDIENCE, sub: 'test-user', exp: Math.floor(Date.now() / 1000) + 300 };
    await expectRefused(`${b64url({ alg, typ: 'JWT', kid })}.${b64url(claims)}.`);
  });

  it('refuses a genuine token naming a tenant that does not exist, or none', async () => {
    expect((await expectRefused(await signGenuine({ tid: '0b9f3c5e-2d4a-4f7b-8e1c-6a5d4c3b2a19' }))).detail).toMatch(/tenant/);
    await expectRefused(await signGenuine({ tid: 'limburg' }));
    await expectRefused(await signGenuine({ tid: undefined }));
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const pem = await exportSPKI(await importJWK(publicJwk, 'ES256') as PublicKey);
    const secrets = [pem, JSON.stringify(publicJwk), JSON.stringify({ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y })];
    for (const secret of secrets) {
      const confused = await new SignJWT({ tid: limburg.id, roles: ['tenant-beheerder'] })
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
        .setIssuer(BUILT_IN_ISSUER).setAudience(API_AUDIENCE).setSubject('test-user')
        .setIssuedAt().setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      expect((await expectRefused(confused)).detail).toMatch(/algorithm/);
    }
  });

  it('refuses a token signed by a key the platform never issued', async () => {
    await expectRefused(await signGenuine({}, { kid: 'made-up-key-id' }));
  });

  it('a database failure while verifying is a 500, never blamed on the token', async () => {
    const token = await t.token(limburg);
    await t.admin.query(`REVOKE SELECT ON tenants FROM ${t.db.appRole}`);
    try {
      await expectProblem(await t.request('GET', '/api/v1/tenant', { token }), 500, 'internal');
    } finally {
      await t.admin.query(`GRANT SELECT ON tenants TO ${t.db.appRole}`);
    }
    expect((await tenantOf(token)).id).toBe(limburg.id);
  });

  describe('verified tokens kept in memory', () => {
    const checks = () => t.platform.verifier.signatureChecks;

    it('checks a token\'s signature once while it is kept, and every other token\'s again', async () => {
      const token = await t.token(limburg);
      const before = checks();
      await tenantOf(token);
      await tenantOf(token);
      expect(checks() - before).toBe(1);
      await tenantOf(await t.token(limburg));
      expect(checks() - before).toBe(2);
    });

    it('keeps nothing a different signature could match', async () => {
      const token = await t.token(limburg);
      await tenantOf(token);
      const [header, payload, signature] = token.split('.');
      const other = Buffer.from(signature, 'base64url');
      other[0] ^= 1;
      await expectRefused(`${header}.${payload}.${other.toString('base64url')}`);
    });

    it('checks a kept token again once its exp has passed, within the minute a key is kept', async () => {
      const token = await new SignJWT({ tid: limburg.id, roles: [] })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(BUILT_IN_ISSUER).setAudience(API_AUDIENCE).setSubject('test-user')
        .setIssuedAt().setExpirationTime('20s')
        .sign(await importJWK(privateJwk, 'ES256'));
      expect((await t.platform.verifier.verify(token)).tenantId).toBe(limburg.id);
      const before = checks();
      await t.platform.verifier.verify(token);
      expect(checks()).toBe(before);
      // Past exp and its 5 s of tolerance on the cache's clock (jose reads its own, `new Date()`,
      // so the signature check itself still passes here).
      const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 30_000);
      try {
        await t.platform.verifier.verify(token);
      } finally {
        clock.mockRestore();
      }
      expect(checks()).toBe(before + 1);
    });
  });

  describe('the tenant comes only from the verified token', () => {
    it.each([
      ['X-Tenant-Id', () => antwerpen.id],
      ['X-Tenant', () => 'antwerpen'],
      ['X-Tenant-Slug', () => 'antwerpen'],
      ['X-Forwarded-Tenant', () => antwerpen.id],
    ])('a %s header changes nothing', async (header, value) => {
      expect(await tenantOf(await t.token(limburg), { [header]: value() })).toMatchObject({ id: limburg.id });
    });

    it('a ?tenant= parameter is refused as unknown, never obeyed', async () => {
      const token = await t.token(limburg);
      for (const value of [antwerpen.id, 'antwerpen']) {
        const res = await t.request('GET', `/api/v1/tenant?tenant=${value}`, { token });
        expect((await expectProblem(res, 400, 'validation')).field).toBe('query.tenant');
      }
    });

    it('a write with another tenant\'s id in a header lands in the token\'s tenant', async () => {
      const [limburgToken, antwerpenToken] = await Promise.all([limburg, antwerpen].map((tn) => t.token(tn, { roles: ['administratief-medewerker'] })));
      const created = await t.request('POST', '/api/v1/chains/fixture/items', { token: limburgToken, body: { title: 'header smuggling' }, headers: { 'x-tenant-id': antwerpen.id } });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await t.request('GET', `/api/v1/chains/fixture/items/${id}`, { token: limburgToken })).status).toBe(200);
      const res = await t.request('GET', `/api/v1/chains/fixture/items/${id}`, { token: antwerpenToken, headers: { 'x-tenant-id': limburg.id } });
      await expectProblem(res, 404, 'not-found');
    });
  });
});
