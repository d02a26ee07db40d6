import { fixtureModule } from '@ketenhuis/testing';
import { startTestPlatform, type TestPlatform } from '../../testing';

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

  it('/api/v1/docs is Swagger UI with every asset served by the platform itself', async () => {
    const page = await t.request('GET', '/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy');
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    const html = await page.text();
    expect(html).toContain('<title>Ketenhuis API</title>');
    // Nothing inline, which the policy would refuse: every script is an empty element with a src.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).not.toHaveLength(0);
    for (const [, attrs, body] of scripts) expect({ attrs, body: body.trim() }).toEqual({ attrs: expect.stringMatching(/\ssrc="/), body: '' });
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const assets = [...html.matchAll(/<(?:script|link)\b[^>]*\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.sort()).toEqual(['docs/init.js', 'docs/swagger-ui-bundle.js', 'docs/swagger-ui.css']);

    const texts: Record<string, string> = {};
    for (const asset of assets) {
      // Resolved the way a browser resolves them against the page's URL.
      const url = new URL(asset, `${t.baseUrl}/api/v1/docs`);
      expect(url.origin).toBe(t.baseUrl);
      expect(url.pathname).toBe(`/api/v1/${asset}`);
      const res = await fetch(url);
      const type = asset.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/;
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get('content-type')).toMatch(type);
      texts[asset] = await res.text();
    }
    expect(texts['docs/swagger-ui-bundle.js']).toContain('SwaggerUIBundle');
    const init = texts['docs/init.js'];
    expect(init).toMatch(/SwaggerUIBundle\(/);
    expect(init).toMatch(/url: 'openapi\.json'/); // relative to /api/v1/docs: /api/v1/openapi.json
    expect(init).toMatch(/validatorUrl: null/);
    // A closed government network has no CDN: neither the page nor the initialiser points at
    // another host (the bundle holds spec and licence URLs as strings, never fetched).
    for (const text of [html, init]) expect(text).not.toMatch(/https?:\/\/|\/\/[a-z0-9-]+\.[a-z]/i);
  });

  it('/api/v1/docs serves nothing else of the package, and unknown paths are problem+json 404s', async () => {
    for (const path of ['/api/v1/docs/nope.js', '/api/v1/docs/index.html', '/api/v1/docs/swagger-initializer.js',
      '/api/v1/docs/package.json', '/api/v1/docs/swagger-ui-bundle.js.map', '/api/v1/docs/swagger-ui.css/',
      '/api/v1/docs/docs/swagger-ui.css', '/api/v1/docs/..%2Fpackage.json', '/api/v1/docs/SWAGGER-UI.CSS']) {
      const res = await t.request('GET', path);
      expect({ path, status: res.status, type: res.headers.get('content-type') })
        .toEqual({ path, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(await res.json()).toMatchObject({ status: 404 });
    }
    // The page's URLs are relative to /api/v1/docs; with a trailing slash they would miss.
    const slash = await t.request('GET', '/api/v1/docs/');
    expect(slash.redirected).toBe(true);
    expect(new URL(slash.url).pathname).toBe('/api/v1/docs');
  });
});
