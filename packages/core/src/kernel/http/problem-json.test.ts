import { conflict, defineChainModule, enableTenantIsolation, preconditionFailed, unprocessable, type MigrationQueryRunner } from '@ketenhuis/sdk';
import { fixtureModule, expectProblem } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';

class ProbeNotes1764600000000 {
  name = 'ProbeNotes1764600000000';
  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`CREATE TABLE probe_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id),
      text text NOT NULL)`);
    await enableTenantIsolation(q, 'probe_notes');
  }
}

const problem = { $ref: '#/components/responses/Problem' };
const throwing = (operationId: string, status: string) => ({
  post: { operationId, summary: `Always answers ${status}`, responses: { [status]: problem } },
});

// Routes whose only job is to fail in one particular way, so every error class can be seen
// going through the real pipeline.
const probeModule = defineChainModule({
  id: 'probe',
  title: { nl: 'Foutensonde', en: 'Error probe' },
  version: '1.0.0',
  permissions: ['probe.error.trigger'],
  grants: { 'administratief-medewerker': ['probe.error.trigger'] },
  migrations: [ProbeNotes1764600000000],
  routes: {
    openapi: {
      paths: {
        '/conflict': throwing('probeConflict', '409'),
        '/precondition': throwing('probePrecondition', '412'),
        '/unprocessable': throwing('probeUnprocessable', '422'),
        '/crash': { get: { operationId: 'probeCrash', summary: 'Throws a plain Error', responses: { '500': problem } } },
        '/notes': {
          post: {
            operationId: 'probeCreateNote',
            summary: 'Inserts a note, then fails after the insert when asked to',
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: ['text', 'fail'], properties: { text: { type: 'string' }, fail: { type: 'boolean' } } } } },
            },
            responses: { '201': { description: 'Created' }, '500': problem },
          },
        },
      },
    },
    handlers: [
      { method: 'post', path: '/conflict', permission: 'probe.error.trigger', handle: async () => { throw conflict('The item was already registered'); } },
      { method: 'post', path: '/precondition', permission: 'probe.error.trigger', handle: async () => { throw preconditionFailed(); } },
      { method: 'post', path: '/unprocessable', permission: 'probe.error.trigger', handle: async () => { throw unprocessable('The transition is not allowed in this state'); } },
      { method: 'get', path: '/crash', permission: 'probe.error.trigger', handle: async () => { throw new Error('secret internal detail'); } },
      {
        method: 'post', path: '/notes', permission: 'probe.error.trigger',
        async handle(req, scope) {
          const { text, fail } = req.body as { text: string; fail: boolean };
          await scope.query('INSERT INTO probe_notes (tenant_id, text) VALUES ($1, $2)', [scope.tenantId, text]);
          if (fail) throw new Error('failed after the insert');
          return { status: 201 };
        },
      },
    ],
  },
});

describe('problem+json for every error class', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let token: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule, probeModule], config: { bodyLimit: '1kb' } });
    tenant = await t.createTenant('limburg');
    token = await t.token(tenant, { roles: ['administratief-medewerker'] });
  });
  afterAll(() => t.close());

  describe('400 validation names the field', () => {
    it('a missing body property', async () => {
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: {} });
      const body = await expectProblem(res, 400, 'validation');
      expect(body.field).toBe('body.title');
      expect(body.errors).toEqual([expect.objectContaining({ field: 'body.title' })]);
    });

    it('a query parameter of the wrong type', async () => {
      const res = await t.request('GET', '/api/v1/chains/fixture/items?limit=abc', { token });
      expect((await expectProblem(res, 400, 'validation')).field).toBe('query.limit');
    });

    it('a path parameter that is not a uuid', async () => {
      const res = await t.request('GET', '/api/v1/chains/fixture/items/not-a-uuid', { token });
      expect((await expectProblem(res, 400, 'validation')).field).toBe('path.id');
    });

    it('an undecodable URL is the client\'s error, not a 500', async () => {
      const res = await t.request('GET', '/api/v1/chains/fixture/items/%E0%A4%A', { token });
      expect((await expectProblem(res, 400, 'validation')).field).toBe('request');
    });

    it('a corrupt compressed body is the client\'s error, not a 500', async () => {
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: '{"title": "not gzip"}', headers: { 'content-encoding': 'gzip' } });
      const body = await expectProblem(res, 400, 'validation');
      expect(JSON.stringify(body)).not.toMatch(/header|zlib|check/i);
    });

    it('malformed JSON, without echoing the parser message', async () => {
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: '{"title": "unterminated', headers: { 'content-type': 'application/json' } });
      const body = await expectProblem(res, 400, 'validation');
      expect(body.field).toBe('body');
      expect(JSON.stringify(body)).not.toMatch(/Unexpected|position|JSON\.parse/);
    });
  });

  describe('401 without a usable token', () => {
    it.each([
      ['no token', {}],
      ['a garbage token', { authorization: 'Bearer not.a.jwt' }],
      ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ])('%s', async (_name, headers) => {
      const res = await t.request('GET', '/api/v1/tenant', { headers });
      await expectProblem(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });

    it('an unknown route answers 401 too, so routes cannot be probed without a token', async () => {
      await expectProblem(await t.request('GET', '/api/v1/chains/fixture/nothing-here'), 401, 'unauthenticated');
    });
  });

  it('403 when the roles lack the permission', async () => {
    const reader = await t.token(tenant, { roles: ['analist'] });
    expect((await t.request('GET', '/api/v1/chains/fixture/items', { token: reader })).status).toBe(200);
    await expectProblem(await t.request('POST', '/api/v1/chains/fixture/items', { token: reader, body: { title: 'x' } }), 403, 'forbidden');
    const nobody = await t.token(tenant, { roles: [] });
    await expectProblem(await t.request('GET', '/api/v1/chains/fixture/items', { token: nobody }), 403, 'forbidden');
  });

  describe('404', () => {
    it('an unknown route with a valid token', async () => {
      await expectProblem(await t.request('GET', '/api/v1/chains/fixture/nothing-here', { token }), 404, 'not-found');
      await expectProblem(await t.request('GET', '/api/v1/nothing-here', { token }), 404, 'not-found');
    });

    it('an unknown id', async () => {
      const res = await t.request('GET', '/api/v1/chains/fixture/items/00000000-0000-4000-8000-000000000000', { token });
      expect((await expectProblem(res, 404, 'not-found')).instance).toBe('/api/v1/chains/fixture/items/00000000-0000-4000-8000-000000000000');
    });
  });

  it('405 for a method the path does not have', async () => {
    const res = await t.request('DELETE', '/api/v1/chains/fixture/items', { token });
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')?.toUpperCase().split(/,\s*/).sort()).toEqual(['GET', 'POST']);
  });

  it.each([
    ['/conflict', 409, 'conflict', 'The item was already registered'],
    ['/precondition', 412, 'precondition-failed', 'The resource changed since you read it'],
    ['/unprocessable', 422, 'unprocessable', 'The transition is not allowed in this state'],
  ])('a module route throwing at %s gives %i', async (path, status, slug, detail) => {
    const body = await expectProblem(await t.request('POST', `/api/v1/chains/probe${path}`, { token }), status, slug);
    expect(body.detail).toBe(detail);
  });

  it('413 for a body above the limit', async () => {
    const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: 'x'.repeat(2048) } });
    await expectProblem(res, 413, 'payload-too-large');
  });

  it('415 for a body that is not JSON', async () => {
    const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: 'title=x', headers: { 'content-type': 'text/plain' } });
    await expectProblem(res, 415, 'unsupported-media-type');
  });

  it('500 says nothing about the cause, only the request id to quote', async () => {
    const res = await t.request('GET', '/api/v1/chains/probe/crash', { token, headers: { 'x-request-id': 'police-system-0001' } });
    const body = await expectProblem(res, 500, 'internal');
    expect(body.requestId).toBe('police-system-0001');
    expect(JSON.stringify(body)).not.toMatch(/secret|internal detail|Error:/);
  });

  it('a write that fails after its insert leaves no row behind', async () => {
    const count = () => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (s) => {
      const [{ n }] = await s.query<{ n: number }>('SELECT count(*)::int AS n FROM probe_notes');
      return n;
    });
    expect((await t.request('POST', '/api/v1/chains/probe/notes', { token, body: { text: 'kept', fail: false } })).status).toBe(201);
    expect(await count()).toBe(1);
    await expectProblem(await t.request('POST', '/api/v1/chains/probe/notes', { token, body: { text: 'rolled back', fail: true } }), 500, 'internal');
    expect(await count()).toBe(1);
  });
});
