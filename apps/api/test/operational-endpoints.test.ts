import { fixtureModule, startTestPlatform, type TestPlatform } from '@ketenhuis/testing';

// What operators, monitoring and integrators reach without a token.
describe('operational endpoints', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
  });
  afterAll(() => t.close());

  it('/healthz answers 200 without a token', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/metrics is Prometheus text that counts requests by route and status', async () => {
    const tenant = await t.createTenant('limburg');
    const token = await t.token(tenant, { roles: ['administratief-medewerker'] });
    expect((await t.request('GET', '/api/v1/chains/fixture/items', { token })).status).toBe(200);
    const res = await t.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE ketenhuis_http_requests_total counter$/m);
    expect(text).toMatch(/^ketenhuis_http_requests_total\{method="GET",route="\/api\/v1\/chains\/fixture\/items",status="200"\} [1-9]\d*$/m);
  });

  it('/metrics labels requests by route template, never by a raw path a client chose', async () => {
    const id = '6f1c2b1e-5d0c-4c7e-9a55-0c3f7a9d2e41';
    await t.request('GET', `/api/v1/chains/fixture/items/${id}`); // 401 before any route matched
    await t.request('DELETE', `/api/v1/chains/fixture/items/${id}`);
    await t.request('GET', '/api/v1/chains/fixture/items/not-a-uuid-but-a-label-bomb');
    await t.request('GET', `/no/such/page/${id}`);
    const text = await (await t.request('GET', '/metrics')).text();
    const routes = [...text.matchAll(/^ketenhuis_http_requests_total\{.*route="([^"]*)"/gm)].map((m) => m[1]);
    expect(routes).toContain('(unmatched)');
    expect(routes.filter((r) => r.includes(id) || r.includes('label-bomb'))).toEqual([]);
  });

  it('/api/v1/openapi.json is the core document merged with the modules\' fragments', async () => {
    const res = await t.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/tenant', '/api/v1/chains/fixture/items', '/api/v1/chains/fixture/items/{id}',
    ]));
    expect(doc.paths['/api/v1/chains/fixture/items'].post.operationId).toBe('fixtureCreateItem');
    expect(doc.components.schemas.FixtureItem).toBeDefined();
  });

  it('/api/v1/docs renders the document with assets served by the platform itself', async () => {
    const page = await t.request('GET', '/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['docs/app.js', 'docs/style.css']));

    const texts = [html];
    for (const asset of assets) {
      // Resolved the way a browser resolves them against the page's URL.
      const url = new URL(asset, `${t.baseUrl}/api/v1/docs`);
      expect(url.origin).toBe(t.baseUrl);
      const res = await fetch(url);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      texts.push(await res.text());
    }
    const script = texts[assets.indexOf('docs/app.js') + 1];
    expect(script).toMatch(/fetch\('openapi\.json'\)/);
    // A closed government network has no CDN: nothing may point at another host.
    for (const text of texts) expect(text).not.toMatch(/https?:\/\/|\/\/[a-z0-9-]+\.[a-z]/i);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});
