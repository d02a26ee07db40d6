import { eventually, expectProblem } from '@ketenhuis/testing';
import { identityHelpers, startTestPlatform, type TestPlatform } from '../../testing';
import type { Tenant } from '../../kernel/tenancy/tenants';

// Resolved actors are kept in memory between requests (ActorCache). Whatever changes a user, a
// membership, a grant or a service account must still take effect on the next requests: at once
// in the process that made the change, and in every other process when the database announces it.
describe('resolved actors between requests', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let beheerder: string;
  let jurist: string;
  let userId: string;

  const me = (token: string) => t.request('GET', '/api/v1/me', { token });
  const statements = async (send: () => Promise<Response>) => {
    const before = t.platform.statements.total;
    const res = await send();
    await res.arrayBuffer();
    return { status: res.status, count: t.platform.statements.total - before };
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    tenant = await t.createTenant('limburg');
    const h = identityHelpers(t);
    beheerder = await t.token(tenant, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    const parket = await h.organisation(beheerder, 'Parket', 'parket');
    userId = (await h.user(beheerder, { name: 'jurist', email: 'jurist@limburg.example', subject: 'jurist' }, [[parket, 'parketjurist']])).id;
    jurist = await t.token(tenant, { subject: 'jurist' });
  });
  afterAll(() => t.close());

  it('resolves a known user in one statement, and then without reading the identity tables again', async () => {
    // A write to identity drops the district's actors: the next request resolves anew.
    expect((await t.request('PATCH', `/api/v1/identity/users/${userId}`, { token: beheerder, body: { name: 'jurist' } })).status).toBe(200);
    const resolved = await statements(() => me(jurist));
    const cached = await statements(() => me(jurist));
    expect([resolved.status, cached.status]).toEqual([200, 200]);
    expect(cached.count).toBe(resolved.count - 1);
    expect((await statements(() => me(jurist))).count).toBe(cached.count);
  });

  it('refuses a user disabled through the API on its very next request', async () => {
    expect((await me(jurist)).status).toBe(200);
    const off = await t.request('PATCH', `/api/v1/identity/users/${userId}`, { token: beheerder, body: { status: 'disabled' } });
    expect(off.status).toBe(200);
    await expectProblem(await me(jurist), 403, 'forbidden');
    const on = await t.request('PATCH', `/api/v1/identity/users/${userId}`, { token: beheerder, body: { status: 'active' } });
    expect(on.status).toBe(200);
    expect((await me(jurist)).status).toBe(200);
  });

  it('drops a user changed behind the API\'s back (an operator\'s SQL, another process) when the database announces it', async () => {
    expect((await me(jurist)).status).toBe(200);
    await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) =>
      scope.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [userId]));
    await eventually(async () => expect((await me(jurist)).status).toBe(403));
    await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) =>
      scope.query(`UPDATE users SET status = 'active' WHERE id = $1`, [userId]));
    await eventually(async () => expect((await me(jurist)).status).toBe(200));
  });
});
