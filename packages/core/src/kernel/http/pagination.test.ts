import { fixtureModule } from '@ketenhuis/testing';
import { startTestPlatform, type TestPlatform } from '../../testing';

// Cursor pagination must return every row exactly once, even for rows created within the same
// millisecond (Postgres keeps microseconds; a cursor that loses them repeats or skips rows).
describe('cursor pagination', () => {
  let t: TestPlatform;
  let token: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
    const tenant = await t.createTenant('limburg');
    token = await t.token(tenant, { roles: ['administratief-medewerker'] });
    // One statement: many rows share a millisecond.
    await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) =>
      s.query(`INSERT INTO fixture_items (tenant_id, title) SELECT $1, 'item ' || g FROM generate_series(1, 57) g`, [tenant.id]));
  });
  afterAll(() => t.close());

  it('walks all rows once, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.request('GET', `/api/v1/chains/fixture/items?limit=10${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string }[]; nextCursor?: string };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
    expect(pages).toBe(6);
  });

  it('refuses a cursor it did not give out with 400 naming the field', async () => {
    for (const bad of ['nonsense', Buffer.from('2026-13-45 99:99:99+00|x').toString('base64url')]) {
      const res = await t.request('GET', `/api/v1/chains/fixture/items?cursor=${bad}`, { token });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe('query.cursor');
    }
  });
});
