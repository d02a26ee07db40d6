import { mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';

// Police systems retry: a creating POST with an Idempotency-Key is done once, whatever the
// number of retries, concurrent or not.
describe('Idempotency-Key on creating POSTs', () => {
  const rng = mulberry32(4242);
  let t: TestPlatform;
  let tenant: Tenant;
  let token: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    tenant = await t.createTenant('limburg');
    token = await t.token(tenant, { subject: 'politie-systeem', roles: ['politie-inspecteur'] });
  });
  afterAll(() => t.close());

  const persons = async () => (await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) =>
    s.query<{ n: number }>('SELECT count(*)::int AS n FROM persons')))[0].n;
  const post = (key: string, body: unknown, as = token) =>
    t.request('POST', '/api/v1/persons', { token: as, body, headers: { 'idempotency-key': key } });

  it('replays the first response for the same key and body, creating nothing new', async () => {
    const body = { firstName: 'Piet', lastName: 'Claes', nationalNumber: syntheticNationalNumber(rng) };
    const before = await persons();
    const first = await post('pv-2026-0001', body);
    expect(first.status).toBe(201);
    const again = await post('pv-2026-0001', { lastName: body.lastName, nationalNumber: body.nationalNumber, firstName: body.firstName });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await again.json()).toEqual(await first.json());
    expect(await persons()).toBe(before + 1);
  });

  it('refuses the same key with another body with 422 naming the header', async () => {
    await post('pv-2026-0002', { firstName: 'An', lastName: 'Wouters' });
    const other = await post('pv-2026-0002', { firstName: 'Ann', lastName: 'Wouters' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { field: string }).field).toBe('header.idempotency-key');
  });

  it('does the work once when the same request arrives many times at once', async () => {
    const body = { firstName: 'Jef', lastName: 'Maes', nationalNumber: syntheticNationalNumber(rng) };
    const before = await persons();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('pv-2026-0003', body)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(await persons()).toBe(before + 1);
  });

  it('keeps keys per caller, lets a failed request be retried, and refuses a malformed key', async () => {
    const other = await t.token(tenant, { subject: 'ander-systeem', roles: ['politie-inspecteur'] });
    expect((await post('shared-key', { firstName: 'A', lastName: 'B' })).status).toBe(201);
    const res = await post('shared-key', { firstName: 'C', lastName: 'D' }, other);
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();

    // A refused request (bad national number) claims nothing: the corrected retry may reuse the key.
    const nn = syntheticNationalNumber(rng);
    const wrong = nn.slice(0, 9) + String((Number(nn.slice(9)) + 1) % 100).padStart(2, '0');
    expect((await post('retry-me', { firstName: 'E', lastName: 'F', nationalNumber: wrong })).status).toBe(400);
    expect((await post('retry-me', { firstName: 'E', lastName: 'F', nationalNumber: nn })).status).toBe(201);

    const bad = await post('no spaces allowed', { firstName: 'G', lastName: 'H' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toMatch(/idempotency-key/i);
  });

  it('keeps the replayed response encrypted: a national number is never in the table in clear', async () => {
    const magistraat = await t.token(tenant, { subject: 'magistraat-1', roles: ['magistraat'] });
    const nn = syntheticNationalNumber(rng);
    const first = await post('pv-2026-0100', { firstName: 'Lies', lastName: 'Goossens', nationalNumber: nn }, magistraat);
    expect(first.status).toBe(201);
    const shown = (await first.json()) as { nationalNumber?: string };
    // The caller may read identifiers, so the response (and so the kept replay) carries the number.
    expect(shown.nationalNumber?.replace(/\D/g, '')).toBe(nn);

    const [row] = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) =>
      s.query<Record<string, unknown>>(`SELECT * FROM idempotency_keys WHERE key = 'pv-2026-0100'`));
    const stored = JSON.stringify(row);
    expect(stored.replace(/\D/g, '')).not.toContain(nn);
    expect(row.response_body_encrypted).toMatch(/^v1\./);

    const again = await post('pv-2026-0100', { firstName: 'Lies', lastName: 'Goossens', nationalNumber: nn }, magistraat);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(shown);
  });

  it('is refused with 400 on routes that show a secret once, as a replay would need a copy of the secret', async () => {
    const admin = await t.token(tenant, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    const org = (await (await t.request('POST', '/api/v1/partners/organisations', { token: admin, body: { name: 'Politiezone Kempen', type: 'politiezone', policeZoneCode: '5372' } })).json()) as { id: string };
    const body = { name: 'PV-systeem', organisationId: org.id, function: 'politie-inspecteur' };
    const keyed = await t.request('POST', '/api/v1/identity/service-accounts', { token: admin, body, headers: { 'idempotency-key': 'sa-1' } });
    expect(keyed.status).toBe(400);
    expect(((await keyed.json()) as { field: string }).field).toBe('header.idempotency-key');
    const account = (await (await t.request('POST', '/api/v1/identity/service-accounts', { token: admin, body })).json()) as { id: string };
    const rotate = await t.request('POST', `/api/v1/identity/service-accounts/${account.id}/rotate`, { token: admin, headers: { 'idempotency-key': 'sa-rotate-1' } });
    expect(rotate.status).toBe(400);
    const kept = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) =>
      s.query<{ key: string }>(`SELECT key FROM idempotency_keys WHERE key LIKE 'sa-%'`));
    expect(kept).toEqual([]);
  });
});
