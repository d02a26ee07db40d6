import mModule from '@ketenhuis/chain-m';
import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, identityHelpers, type TestPlatform } from '@ketenhuis/core/testing';
import { fixtureModule, expectProblem } from '@ketenhuis/testing';

// Values a schema cannot refuse and PostgreSQL does (NUL characters, numbers too large to be
// numbers, upper-case UUIDs), and the HTTP a browser or a form encoder speaks (HEAD, `+` for a
// space): each once ended in a 500 or a wrong 4xx. Each answer now is a 4xx naming the field, or
// the answer the same request gets in its ordinary spelling.
describe('malformed input gets a 400 naming the field, never a 500', () => {
  let t: TestPlatform;
  let h: ReturnType<typeof identityHelpers>;
  let limburg: Tenant;
  let admin: string;
  let userId: string;
  let caseId: string;

  const HUGE = '9'.repeat(10_000);
  const get = (path: string, token = admin) => t.request('GET', path, { token });

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule, mModule] });
    h = identityHelpers(t);
    limburg = await t.createTenant('limburg');
    admin = await t.token(limburg, { subject: 'beheerder', roles: ['tenant-beheerder', 'magistraat'] });
    const parket = await h.organisation(admin, 'Parket Limburg', 'parket', { chains: ['m'] });
    userId = (await h.user(admin, { name: 'An Peeters', email: 'an.peeters@example.org' }, [[parket, 'magistraat']])).id;
    const pvDate = new Date().toISOString().slice(0, 10);
    const registered = await t.request('POST', '/api/v1/cases', { token: admin, body: { chain: 'm', caseType: 'snelrecht', fields: { pvDate, arrest: false } } });
    caseId = (await h.ok<{ id: string }>(registered, 201)).id;
  });
  afterAll(() => t.close());

  it('refuses a NUL character in a query, path or body value, naming where it was', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/api/v1/audit?actor=a%00b', undefined, 'query.actor'],
      ['GET', '/api/v1/cases?reference=PV%00123', undefined, 'query.reference'],
      ['GET', '/api/v1/persons?name=jan%00', undefined, 'query.name'],
      ['GET', '/api/v1/reports/chains/m%00/open-cases', undefined, 'path.chain'],
      ['PUT', '/api/v1/identity/roles/magistraat%00', { permissions: [] }, 'path.function'],
      ['POST', '/api/v1/identity/users', { name: 'An\u0000', email: 'an2@example.org' }, 'body.name'],
      ['POST', `/api/v1/cases/${caseId}/notes`, { text: 'a note \u0000 with a NUL' }, 'body.text'],
      ['PATCH', `/api/v1/identity/users/${userId}`, { name: 'x\uD800y' }, 'body.name'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await t.request(method, path, { token: admin, body });
      const problem = await expectProblem(res, 400, 'validation');
      expect({ path, field: problem.field }).toEqual({ path, field });
    }
  });

  it('refuses an integer parameter of 10,000 digits on every paged list and on chain M\'s dashboard', async () => {
    for (const path of ['/api/v1/cases', '/api/v1/identity/users', '/api/v1/audit', '/api/v1/notifications', `/api/v1/cases/${caseId}/timeline`, '/api/v1/partners/organisations']) {
      const problem = await expectProblem(await get(`${path}?limit=${HUGE}`), 400, 'validation');
      expect({ path, field: problem.field }).toEqual({ path, field: 'query.limit' });
    }
    const dashboard = await expectProblem(await get(`/api/v1/chains/m/dashboard?withinDays=${HUGE}`), 400, 'validation');
    expect(dashboard.field).toBe('query.withinDays');
  });

  it('treats an upper-case UUID as the same resource on every identity user route', async () => {
    const upper = userId.toUpperCase();
    const read = await h.ok<{ id: string }>(await get(`/api/v1/identity/users/${upper}`));
    expect(read.id).toBe(userId);
    const patched = await h.ok<{ name: string }>(await t.request('PATCH', `/api/v1/identity/users/${upper}`, { token: admin, body: { name: 'An Peeters-Claes' } }));
    expect(patched.name).toBe('An Peeters-Claes');
    const org = await h.organisation(admin, 'CAW Limburg', 'caw');
    const membership = await h.ok<{ id: string; organisationId: string }>(await t.request('POST', `/api/v1/identity/users/${upper}/memberships`, { token: admin, body: { organisationId: org.toUpperCase(), function: 'hulpverlener' } }), 201);
    expect(membership.organisationId).toBe(org);
    expect((await t.request('DELETE', `/api/v1/identity/users/${upper}/memberships/${membership.id.toUpperCase()}`, { token: admin })).status).toBe(204);
    // Not every spelling is a UUID: the URN form is refused by the schema, not by the database.
    expect((await expectProblem(await get(`/api/v1/identity/users/urn:uuid:${userId}`), 400, 'validation')).field).toBe('path.id');
  });

  it('answers HEAD on a GET route as the GET, without a body, and audits it as the read it is', async () => {
    const asGet = await get(`/api/v1/cases/${caseId}`);
    const head = await t.request('HEAD', `/api/v1/cases/${caseId}`, { token: admin });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(asGet.headers.get('content-type'));
    expect(head.headers.get('etag')).toBe(asGet.headers.get('etag'));
    expect(await head.text()).toBe('');
    expect(await h.auditOf(limburg, head)).toEqual([expect.objectContaining({ action: 'case.read', result: 'allowed', object_id: caseId })]);
    expect((await t.request('HEAD', '/api/v1/cases/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    expect((await t.request('HEAD', '/api/v1/tenant')).status).toBe(401);
  });

  it('reads `+` in a query value as a space and takes reserved characters as form encoders send them', async () => {
    const registered = await h.ok<{ id: string }>(await t.request('POST', '/api/v1/persons', { token: admin, body: { firstName: 'Jan', lastName: 'Peeters' } }), 201);
    const plus = await h.ok<{ items: Array<{ id: string }> }>(await get('/api/v1/persons?name=jan+peeters'));
    const encoded = await h.ok<{ items: Array<{ id: string }> }>(await get('/api/v1/persons?name=jan%20peeters'));
    expect(plus.items.map((p) => p.id)).toContain(registered.id);
    expect(plus).toEqual(encoded);
    expect((await get('/api/v1/cases?reference=PV/2026/123&state=a+b')).status).toBe(200);
  });

  it('answers headers over 16 KB as problem+json, like every other refusal', async () => {
    const res = await get(`/api/v1/persons?name=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: 'urn:ketenhuis:problem:headers-too-large', status: 431, requestId: res.headers.get('x-request-id') });
  });

  it('refuses a duration longer than a century, so no deadline is counted to a date that cannot be', async () => {
    for (const duration of ['P999999999Y', 'PT99999999999999999999999S', 'P300000Y']) {
      const res = await t.request('PUT', '/api/v1/deadline-settings/m:snelrecht:beslissing-zonder-aanhouding', { token: admin, body: { duration } });
      expect({ duration, field: (await expectProblem(res, 400, 'validation')).field }).toEqual({ duration, field: 'body.duration' });
    }
    const { items: [deadline] } = await h.ok<{ items: Array<{ id: string }> }>(await get(`/api/v1/cases/${caseId}/deadlines`));
    const extend = await t.request('POST', `/api/v1/cases/${caseId}/deadlines/${deadline.id}/extend`, { token: admin, body: { by: 'P999999999Y', reason: 'typo' } });
    expect((await expectProblem(extend, 400, 'validation')).field).toBe('body.by');
  });

  it('refuses year 0 in a date field, which PostgreSQL cannot store and every report would then trip over', async () => {
    const res = await t.request('POST', '/api/v1/cases', { token: admin, body: { chain: 'm', caseType: 'snelrecht', fields: { pvDate: '0000-01-01', arrest: false } } });
    expect((await expectProblem(res, 400, 'validation')).field).toBe('body.fields.pvDate');
  });

  it('lets concurrent changes of one role take turns instead of colliding', async () => {
    const body = { permissions: ['core.person.read', 'core.case.read'] };
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.request('PUT', '/api/v1/identity/roles/hulpverlener', { token: admin, body })));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
  });
});
