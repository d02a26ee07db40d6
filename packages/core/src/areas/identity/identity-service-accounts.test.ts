import { decodeJwt } from 'jose';
import { fixtureModule, expectProblem } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, identityHelpers, type TestPlatform } from '../../testing';

type Account = { id: string; clientId: string; name: string; organisationId: string; organisationName: string; function: string; status: string; revokedAt: string | null };
type WithSecret = Account & { clientSecret: string };
type TokenResponse = { access_token: string; token_type: string; expires_in: number };

// Partner systems (a police records system sending PVs) authenticate with client credentials
// and act for their organisation with their function. Secrets are shown once, rotation and
// revocation take effect at once, and a refusal never tells which part was wrong.
describe('identity: service accounts and the client credentials token endpoint', () => {
  let t: TestPlatform;
  let h: ReturnType<typeof identityHelpers>;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let admin: string;
  let parket: string;
  let zone: string;
  let antwerpenParket: string;

  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString(),
  });
  const grant = (clientId: string, clientSecret: string) => form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const basic = (clientId: string, clientSecret: string) =>
    form({ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}` });
  const create = async (body: Record<string, string>): Promise<WithSecret> =>
    h.ok<WithSecret>(await t.request('POST', '/api/v1/identity/service-accounts', { token: admin, body }), 201);
  const accessToken = async (res: Response) => (await h.ok<TokenResponse>(res)).access_token;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
    h = identityHelpers(t);
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    admin = await t.token(limburg, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    parket = await h.organisation(admin, 'Parket Limburg');
    zone = await h.organisation(admin, 'Politiezone Carma', 'politiezone', { policeZoneCode: '5381' });
    antwerpenParket = await h.organisation(await t.token(antwerpen, { subject: 'beheerder', roles: ['tenant-beheerder'] }), 'Parket Antwerpen');
  });
  afterAll(() => t.close());

  it('creates an account whose secret is shown once and kept only as a salted hash', async () => {
    const res = await t.request('POST', '/api/v1/identity/service-accounts', { token: admin, body: { name: 'PV-systeem Carma', organisationId: zone, function: 'politie-inspecteur' } });
    const account = await h.ok<WithSecret>(res, 201);
    expect(res.headers.get('location')).toBe(`/api/v1/identity/service-accounts/${account.id}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(account).toMatchObject({ clientId: `limburg.${account.id}`, organisationId: zone, organisationName: 'Politiezone Carma', function: 'politie-inspecteur', status: 'active', revokedAt: null });
    expect(account.clientSecret.length).toBeGreaterThanOrEqual(40);
    const audit = await h.auditOf(limburg, res);
    expect(audit).toEqual([expect.objectContaining({ action: 'service-account.create', result: 'allowed', object_id: account.id })]);
    expect(JSON.stringify(audit)).not.toContain(account.clientSecret);

    const read = await h.ok<Record<string, unknown>>(await t.request('GET', `/api/v1/identity/service-accounts/${account.id}`, { token: admin }));
    const list = await h.ok<{ items: Record<string, unknown>[] }>(await t.request('GET', '/api/v1/identity/service-accounts', { token: admin }));
    for (const shown of [read, ...list.items]) expect(shown).not.toHaveProperty('clientSecret');
    const [{ secret_hash: hash }] = await t.platform.uow.run({ tenantId: limburg.id, tenantSlug: 'limburg' }, (s) =>
      s.query<{ secret_hash: string }>('SELECT secret_hash FROM service_accounts WHERE id = $1', [account.id]));
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain(account.clientSecret);
  });

  it('exchanges the credentials for a bearer token that acts for its organisation with its function', async () => {
    const account = await create({ name: 'Griffiesysteem', organisationId: parket, function: 'administratief-medewerker' });
    const res = await grant(account.clientId, account.clientSecret);
    const body = await h.ok<TokenResponse>(res);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
    expect(decodeJwt(body.access_token)).toMatchObject({ iss: 'urn:ketenhuis:service-accounts', sub: `service-account:${account.id}`, tid: limburg.id });
    expect(decodeJwt(body.access_token)).not.toHaveProperty('roles');
    expect(await h.auditOf(limburg, res)).toEqual([expect.objectContaining({ action: 'service-account.token', result: 'allowed', object_id: account.id })]);

    const token = body.access_token;
    const me = await h.ok<{ subject: string; user: unknown; acting: { organisationId: string; function: string } }>(await t.request('GET', '/api/v1/me', { token }));
    expect(me).toMatchObject({ subject: `service-account:${account.id}`, user: null, acting: { organisationId: parket, function: 'administratief-medewerker' } });
    const created = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: 'PV 2026/123' } });
    expect(created.status).toBe(201);
    // Only what its function may do; and only for its own organisation.
    await expectProblem(await t.request('GET', '/api/v1/identity/users', { token }), 403, 'forbidden');
    await expectProblem(await t.request('GET', '/api/v1/chains/fixture/items', { token, headers: { 'X-Acting-Organisation': zone } }), 403, 'forbidden');
    expect((await t.request('GET', '/api/v1/chains/fixture/items', { token, headers: { 'X-Acting-Organisation': parket } })).status).toBe(200);

    const audited = await t.request('GET', '/api/v1/identity/service-accounts', { token });
    await expectProblem(audited, 403, 'forbidden');
    expect(await h.auditOf(limburg, audited)).toEqual([expect.objectContaining({
      actor_subject: `service-account:${account.id}`, actor_user_id: null, acting_organisation_id: parket, acting_function: 'administratief-medewerker', result: 'denied',
    })]);
  });

  it('accepts HTTP Basic client authentication, but not both methods at once', async () => {
    const account = await create({ name: 'Basic-systeem', organisationId: parket, function: 'analist' });
    expect((await basic(account.clientId, account.clientSecret)).status).toBe(200);
    const both = await form({ grant_type: 'client_credentials', client_secret: account.clientSecret },
      { authorization: `Basic ${Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64')}` });
    expect((await expectProblem(both, 400, 'validation')).field).toBe('body.client_secret');
  });

  it('answers an unknown client, a wrong secret and a malformed client id with the same 401', async () => {
    const account = await create({ name: 'Raadsysteem', organisationId: parket, function: 'analist' });
    const attempts = [
      await grant(account.clientId, `${account.clientSecret}x`),
      await grant(`limburg.00000000-0000-4000-8000-000000000000`, account.clientSecret),
      await grant(`antwerpen.${account.id}`, account.clientSecret),
      await grant(`nergens.${account.id}`, account.clientSecret),
      await grant('geen-client-id', account.clientSecret),
    ];
    const details = new Set<string | undefined>();
    for (const res of attempts) details.add((await expectProblem(res, 401, 'unauthenticated')).detail);
    expect([...details]).toEqual(['The client credentials are not valid']);
    const wrongBasic = await basic(account.clientId, 'wrong');
    await expectProblem(wrongBasic, 401, 'unauthenticated');
    expect(wrongBasic.headers.get('www-authenticate')).toMatch(/^Basic /);
    // A wrong secret for a real account is on that district's record.
    expect(await h.auditOf(limburg, attempts[0])).toEqual([expect.objectContaining({ action: 'service-account.token', result: 'denied', object_id: account.id })]);
  });

  it('refuses malformed token requests naming the field', async () => {
    const account = await create({ name: 'Slordig systeem', organisationId: parket, function: 'analist' });
    expect((await expectProblem(await form({ client_id: account.clientId, client_secret: account.clientSecret }), 400, 'validation')).field).toBe('body.grant_type');
    expect((await expectProblem(await form({ grant_type: 'password', client_id: account.clientId }), 400, 'validation')).field).toBe('body.grant_type');
    expect((await expectProblem(await form({ grant_type: 'client_credentials', client_id: account.clientId }), 400, 'validation')).field).toBe('body.client_secret');
    const json = await fetch(`${t.baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    await expectProblem(json, 415, 'unsupported-media-type');
  });

  it('rotation: the new secret works, the old one is refused at once, tokens already issued run out on their own', async () => {
    const account = await create({ name: 'Roterend systeem', organisationId: parket, function: 'administratief-medewerker' });
    const earlier = await accessToken(await grant(account.clientId, account.clientSecret));
    const res = await t.request('POST', `/api/v1/identity/service-accounts/${account.id}/rotate`, { token: admin });
    const rotated = await h.ok<WithSecret>(res);
    expect(rotated.clientSecret).not.toBe(account.clientSecret);
    expect(await h.auditOf(limburg, res)).toEqual([expect.objectContaining({ action: 'service-account.rotate', result: 'allowed', object_id: account.id, changed_fields: ['secret'] })]);
    await expectProblem(await grant(account.clientId, account.clientSecret), 401, 'unauthenticated');
    expect((await grant(account.clientId, rotated.clientSecret)).status).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { token: earlier })).status).toBe(200);
  });

  it('revocation: the secret and every token already issued stop working; a revoked account cannot be rotated', async () => {
    const account = await create({ name: 'Ingetrokken systeem', organisationId: parket, function: 'administratief-medewerker' });
    const token = await accessToken(await grant(account.clientId, account.clientSecret));
    const res = await t.request('POST', `/api/v1/identity/service-accounts/${account.id}/revoke`, { token: admin });
    expect(await h.ok<Account>(res)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(await h.auditOf(limburg, res)).toEqual([expect.objectContaining({ action: 'service-account.revoke', changed_fields: ['status'] })]);

    const refused = await grant(account.clientId, account.clientSecret);
    expect((await expectProblem(refused, 401, 'unauthenticated')).detail).toBe('The client credentials are not valid');
    await expectProblem(await t.request('GET', '/api/v1/me', { token }), 401, 'unauthenticated');
    await expectProblem(await t.request('POST', `/api/v1/identity/service-accounts/${account.id}/rotate`, { token: admin }), 409, 'conflict');
    // Revoking again changes nothing.
    const again = await t.request('POST', `/api/v1/identity/service-accounts/${account.id}/revoke`, { token: admin });
    expect((await h.ok<Account>(again)).status).toBe('revoked');
    expect(await h.auditOf(limburg, again)).toEqual([expect.objectContaining({ action: 'service-account.revoke', changed_fields: [] })]);
  });

  it('a built-in token naming a service account as its subject is not that account', async () => {
    const account = await create({ name: 'Nagemaakt systeem', organisationId: parket, function: 'administratief-medewerker' });
    const forged = await t.token(limburg, { subject: `service-account:${account.id}` });
    const me = await h.ok<{ acting: unknown; permissions: string[] }>(await t.request('GET', '/api/v1/me', { token: forged }));
    expect(me).toMatchObject({ acting: null, permissions: [] });
  });

  it('refuses bad input naming the field, duplicate names, and other districts\' accounts', async () => {
    const post = (body: Record<string, string>) => t.request('POST', '/api/v1/identity/service-accounts', { token: admin, body });
    expect((await expectProblem(await post({ name: 'X', organisationId: parket, function: 'robot' }), 400, 'validation')).field).toBe('body.function');
    expect((await expectProblem(await post({ name: 'X', organisationId: antwerpenParket, function: 'analist' }), 400, 'validation')).field).toBe('body.organisationId');
    expect((await expectProblem(await post({ name: 'X', organisationId: 'parket', function: 'analist' }), 400, 'validation')).field).toBe('body.organisationId');
    await create({ name: 'Uniek systeem', organisationId: parket, function: 'analist' });
    await expectProblem(await post({ name: 'UNIEK SYSTEEM', organisationId: parket, function: 'analist' }), 409, 'conflict');

    const account = await create({ name: 'Limburgs systeem', organisationId: parket, function: 'analist' });
    const antwerpenAdmin = await t.token(antwerpen, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    for (const [method, path] of [['GET', ''], ['POST', '/rotate'], ['POST', '/revoke']]) {
      await expectProblem(await t.request(method, `/api/v1/identity/service-accounts/${account.id}${path}`, { token: antwerpenAdmin }), 404, 'not-found');
    }
    const list = await h.ok<{ items: Account[] }>(await t.request('GET', '/api/v1/identity/service-accounts?limit=100', { token: antwerpenAdmin }));
    expect(list.items).toEqual([]);
  });

  it('the token endpoint is rate-limited per address', async () => {
    const strict = await startTestPlatform({ config: { rateLimitPerMinute: 2 } });
    try {
      const post = () => fetch(`${strict.baseUrl}/api/v1/auth/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=limburg.00000000-0000-4000-8000-000000000000&client_secret=x',
      });
      // The window is a wall-clock minute: one reset may fall between these requests, so the
      // first two always pass and five are enough to exceed the limit even across a reset.
      const statuses: number[] = [];
      let limited: Response | undefined;
      while (!limited && statuses.length < 5) {
        const res = await post();
        statuses.push(res.status);
        if (res.status === 429) limited = res;
        else await res.body?.cancel();
      }
      expect(statuses.slice(0, 2)).toEqual([401, 401]);
      await expectProblem(limited!, 429, 'rate-limited');
    } finally {
      await strict.close();
    }
  });
});
