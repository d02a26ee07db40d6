import { SignJWT, exportSPKI, importJWK, type JWK } from 'jose';

type PublicKey = Parameters<typeof exportSPKI>[0];
import { fixtureModule, expectProblem } from '@ketenhuis/testing';
import { API_AUDIENCE, BUILT_IN_ISSUER, TenantRegistry, type Tenant } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';
import { startOidcIssuer, type LocalOidcIssuer } from './oidc-issuer.test-support';

const AUDIENCE = 'ketenhuis-west-vlaanderen';

// A district that logs in with its own identity provider: its tokens are verified against the
// keys that provider publishes, and they reach that district and nothing else.
describe('authentication with a district\'s own OIDC issuer', () => {
  let issuer: LocalOidcIssuer;
  let t: TestPlatform;
  let district: Tenant;
  let limburg: Tenant;

  const get = (path: string, token: string, headers: Record<string, string> = {}) => t.request('GET', path, { token, headers });
  const expectRefused = async (token: string) => {
    const res = await get('/api/v1/tenant', token);
    await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  };

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    t = await startTestPlatform({ modules: [fixtureModule] });
    // Registering a district's issuer is an operator's act, on the owner connection.
    district = await new TenantRegistry(t.admin).create(
      { slug: 'west-vlaanderen', name: 'District West-Vlaanderen', modules: ['fixture'], oidcIssuer: issuer.url, oidcAudience: AUDIENCE },
      t.platform.registry.ids,
    );
    limburg = await t.createTenant('limburg');
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it('a token of the issuer with the district\'s audience gets that district, with its roles', async () => {
    const token = await issuer.sign({ realm_access: { roles: ['administratief-medewerker'] } }, { audience: AUDIENCE });
    const res = await get('/api/v1/tenant', token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: district.id, slug: 'west-vlaanderen', modules: ['fixture'] });

    const created = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: 'from the district IdP' } });
    expect(created.status).toBe(201);
    const rows = await t.platform.uow.run({ tenantId: district.id, tenantSlug: district.slug }, (s) => s.query<{ title: string }>('SELECT title FROM fixture_items'));
    expect(rows.map((r) => r.title)).toEqual(['from the district IdP']);
  });

  it('refuses the issuer\'s token for another audience', async () => {
    await expectRefused(await issuer.sign({}, { audience: API_AUDIENCE }));
    await expectRefused(await issuer.sign({}, { audience: 'ketenhuis-limburg' }));
  });

  it('refuses a token in the issuer\'s name signed by a key it does not publish', async () => {
    await expectRefused(await issuer.sign({}, { audience: AUDIENCE, key: await issuer.unpublishedKey() }));
    // The published kid does not help a forger who lacks the matching private key.
    await expectRefused(await issuer.sign({}, { audience: AUDIENCE, key: await issuer.unpublishedKey(issuer.kid) }));
  });

  it('refuses an expired token of the issuer', async () => {
    await expectRefused(await issuer.sign({}, { audience: AUDIENCE, expiresIn: '-2m' }));
  });

  it('refuses a token of an issuer no district registered', async () => {
    await expectRefused(await issuer.sign({}, { audience: AUDIENCE, issuer: `${issuer.url}/realms/unregistered` }));
  });

  it('an issuer can be registered for one district only', async () => {
    await expect(new TenantRegistry(t.admin).create({ slug: 'copycat', name: 'Copycat', oidcIssuer: issuer.url, oidcAudience: 'ketenhuis-copycat' }, t.platform.registry.ids))
      .rejects.toThrow(/unique|duplicate/i);
  });

  it('refuses HS256 signed with the issuer\'s public key as the secret (algorithm confusion)', async () => {
    const { keys: [jwk] } = (await (await fetch(`${issuer.url}/jwks`)).json()) as { keys: JWK[] };
    const pem = await exportSPKI(await importJWK(jwk, 'RS256') as PublicKey);
    for (const secret of [pem, JSON.stringify(jwk)]) {
      const confused = await new SignJWT({ realm_access: { roles: ['tenant-beheerder'] } })
        .setProtectedHeader({ alg: 'HS256', kid: issuer.kid, typ: 'JWT' })
        .setIssuer(issuer.url).setAudience(AUDIENCE).setSubject('oidc-user')
        .setIssuedAt().setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      await expectRefused(confused);
    }
  });

  it('an issuer whose keys cannot be fetched gets 401, not a server error', async () => {
    // Port 1 on loopback: nothing listens, so the key fetch fails at the network level.
    const broken = await startOidcIssuer({ jwksUri: 'http://127.0.0.1:1/jwks' });
    try {
      await new TenantRegistry(t.admin).create({ slug: 'oost-vlaanderen', name: 'District Oost-Vlaanderen', oidcIssuer: broken.url, oidcAudience: AUDIENCE }, t.platform.registry.ids);
      const res = await get('/api/v1/tenant', await broken.sign({}, { audience: AUDIENCE }));
      expect((await expectProblem(res, 401, 'unauthenticated')).detail).toMatch(/cannot be reached/);
    } finally {
      await broken.close();
    }
  });

  describe('the issuer\'s tokens cannot reach another district', () => {
    let limburgItem: string;

    beforeAll(async () => {
      const limburgToken = await t.token(limburg, { roles: ['administratief-medewerker'] });
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token: limburgToken, body: { title: 'limburg only' } });
      limburgItem = ((await res.json()) as { id: string }).id;
    });

    it('neither a tid claim nor a tenant header moves the token to another district', async () => {
      const token = await issuer.sign({ tid: limburg.id, realm_access: { roles: ['administratief-medewerker'] } }, { audience: AUDIENCE });
      const res = await get('/api/v1/tenant', token, { 'x-tenant-id': limburg.id });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(district.id);

      await expectProblem(await get(`/api/v1/chains/fixture/items/${limburgItem}`, token, { 'x-tenant-id': limburg.id }), 404, 'not-found');
      const list = (await (await get('/api/v1/chains/fixture/items?limit=100', token)).json()) as { items: Array<{ id: string }> };
      expect(list.items.map((i) => i.id)).not.toContain(limburgItem);
    });

    it('the issuer\'s key cannot pass for the built-in issuer', async () => {
      await expectRefused(await issuer.sign({ tid: limburg.id, roles: ['tenant-beheerder'] }, { issuer: BUILT_IN_ISSUER, audience: API_AUDIENCE }));
    });
  });
});
