import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { fixtureModule } from '@ketenhuis/testing';

// Districts must never see each other's rows. These tests go through HTTP with real tokens
// against a real database whose application role is subject to forced RLS.
describe('tenant isolation', () => {
  let t: TestPlatform;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let limburgToken: string;
  let antwerpenToken: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    limburgToken = await t.token(limburg, { roles: ['administratief-medewerker'] });
    antwerpenToken = await t.token(antwerpen, { roles: ['administratief-medewerker'] });
  });
  afterAll(() => t.close());

  it('a token of tenant A never reads tenant B rows: 404 exactly like a missing id', async () => {
    const created = await t.request('POST', '/api/v1/chains/fixture/items', { token: limburgToken, body: { title: 'Limburg item' } });
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string };

    const own = await t.request('GET', `/api/v1/chains/fixture/items/${item.id}`, { token: limburgToken });
    expect(own.status).toBe(200);

    const foreign = await t.request('GET', `/api/v1/chains/fixture/items/${item.id}`, { token: antwerpenToken });
    const missing = await t.request('GET', '/api/v1/chains/fixture/items/00000000-0000-4000-8000-000000000000', { token: antwerpenToken });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [(await foreign.json()) as Record<string, unknown>, (await missing.json()) as Record<string, unknown>];
    // Identical apart from the path and request id: nothing hints that the row exists.
    const strip = ({ instance, requestId, ...rest }: Record<string, unknown>) => rest;
    expect(strip(a)).toEqual(strip(b));
    expect(foreign.headers.get('content-type')).toMatch(/application\/problem\+json/);

    const list = (await (await t.request('GET', '/api/v1/chains/fixture/items', { token: antwerpenToken })).json()) as { items: { id: string }[] };
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
  });

  it('a tenant cannot write a row into another tenant, even by naming its id in SQL', async () => {
    // The application role itself, with tenant A's context, tries to insert for tenant B.
    await expect(t.platform.uow.run({ tenantId: limburg.id, tenantSlug: 'limburg' }, (s) =>
      s.query('INSERT INTO fixture_items (tenant_id, title) VALUES ($1, $2)', [antwerpen.id, 'smuggled']),
    )).rejects.toThrow(/row-level security/);
  });

  it('with no tenant context the application role sees zero rows', async () => {
    await t.request('POST', '/api/v1/chains/fixture/items', { token: antwerpenToken, body: { title: 'x' } });
    const [{ n: total }] = await t.admin.query('SELECT count(*)::int AS n FROM fixture_items');
    expect(total).toBe(0); // even the owner role obeys FORCE RLS without a tenant
    const rows = await t.platform.db.query('SELECT * FROM fixture_items');
    expect(rows).toHaveLength(0);
    const outbox = await t.platform.db.query('SELECT * FROM outbox_events');
    expect(outbox).toHaveLength(0);
  });

  it('a tenant that did not enable the module gets 404 on its routes', async () => {
    const gent = await t.createTenant('oost-vlaanderen', []);
    const token = await t.token(gent, { roles: ['administratief-medewerker'] });
    const res = await t.request('GET', '/api/v1/chains/fixture/items', { token });
    expect(res.status).toBe(404);
  });

  it('500 concurrent requests over 10 tenants on a pool of 2 return only their own rows', async () => {
    const small = await startTestPlatform({ modules: [fixtureModule], poolMax: 2 });
    try {
      const tenants = await Promise.all(Array.from({ length: 10 }, (_, i) => small.createTenant(`district-${i}`)));
      const tokens = await Promise.all(tenants.map((tn) => small.token(tn, { roles: ['administratief-medewerker'] })));
      for (let i = 0; i < tenants.length; i++) {
        for (let j = 0; j < 3; j++) {
          const r = await small.request('POST', '/api/v1/chains/fixture/items', { token: tokens[i], body: { title: `t${i}` } });
          expect(r.status).toBe(201);
        }
      }
      const responses = await Promise.all(Array.from({ length: 500 }, async (_, k) => {
        const i = k % 10;
        const res = await small.request('GET', '/api/v1/chains/fixture/items?limit=100', { token: tokens[i] });
        return { i, status: res.status, body: (await res.json()) as { items: { title: string }[] } };
      }));
      for (const r of responses) {
        expect(r.status).toBe(200);
        expect(r.body.items).toHaveLength(3);
        expect(r.body.items.every((it: { title: string }) => it.title === `t${r.i}`)).toBe(true);
      }
    } finally {
      await small.close();
    }
  });
});
