import { ManualClock, eventually } from '@ketenhuis/testing';
import { IDEMPOTENCY_PURGE_BATCH, purgeIdempotencyKeys, type Tenant } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';

const SUBJECT = 'politie-systeem';

// Idempotency-Keys are kept for KETENHUIS_IDEMPOTENCY_RETENTION_HOURS (24 by default) by the
// platform clock, a ManualClock here; a per-district job (every 200 ms here) deletes older ones.
describe('Idempotency-Key retention', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let t: TestPlatform;
  let genk: Tenant;
  let hasselt: Tenant;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestPlatform({ clock, config: { idempotencyPurgeMs: 200 } });
    genk = await t.createTenant('genk');
    hasselt = await t.createTenant('hasselt');
    for (const tenant of [genk, hasselt]) tokens.set(tenant.id, await t.token(tenant, { subject: SUBJECT, roles: ['politie-inspecteur'] }));
  });
  afterAll(() => t.close());

  const inTenant = <T>(tenant: Tenant, sql: string, params: unknown[] = []) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<T>(sql, params));
  const keysOf = async (tenant: Tenant) =>
    (await inTenant<{ key: string }>(tenant, 'SELECT key FROM idempotency_keys ORDER BY key')).map((r) => r.key);
  const persons = async (tenant: Tenant) => (await inTenant<{ n: number }>(tenant, 'SELECT count(*)::int AS n FROM persons'))[0].n;
  const post = (tenant: Tenant, key: string, body: unknown) =>
    t.request('POST', '/api/v1/persons', { token: tokens.get(tenant.id), body, headers: { 'idempotency-key': key } });
  /** Keys as a busy police system leaves them, dated now by the platform clock. */
  const backlog = (tenant: Tenant, prefix: string, n: number) => inTenant(tenant,
    `INSERT INTO idempotency_keys (tenant_id, actor_subject, key, method, path, request_hash, status, created_at)
     SELECT $1, $2, $3 || lpad(i::text, 5, '0'), 'POST', '/api/v1/persons', md5(i::text), 201, $5
     FROM generate_series(1, $4::int) i`, [tenant.id, SUBJECT, prefix, n, clock.now()]);

  it("deletes a district's keys older than the retention, batch after batch, and nothing of another district", async () => {
    // No worker yet: the purge is called as its job calls it, in the district's unit of work.
    expect((await post(genk, 'genk-old', { firstName: 'An', lastName: 'Wouters' })).status).toBe(201);
    expect((await post(hasselt, 'hasselt-old', { firstName: 'Bart', lastName: 'Peeters' })).status).toBe(201);
    const big = Math.floor(2.5 * IDEMPOTENCY_PURGE_BATCH);
    await backlog(genk, 'genk-backlog-', big);
    await backlog(hasselt, 'hasselt-backlog-', 10);
    clock.advance({ hours: 2 });
    expect((await post(genk, 'genk-recent', { firstName: 'Carla', lastName: 'Janssens' })).status).toBe(201);
    // The first keys are now a minute past 24 hours old, the recent one 22 hours.
    clock.advance({ hours: 22, minutes: 1 });

    const purged = await t.platform.uow.run({ tenantId: genk.id, tenantSlug: genk.slug }, (s) => purgeIdempotencyKeys(s));
    expect(purged).toBe(big + 1);
    expect(await keysOf(genk)).toEqual(['genk-recent']);
    // Hasselt's keys are just as old, but Genk's purge does not reach them.
    const hasseltKeys = await keysOf(hasselt);
    expect(hasseltKeys).toHaveLength(11);
    expect(hasseltKeys).toContain('hasselt-old');
    // A second run finds nothing more.
    expect(await t.platform.uow.run({ tenantId: genk.id, tenantSlug: genk.slug }, (s) => purgeIdempotencyKeys(s))).toBe(0);
  });

  it('purges every district on its schedule: a fresh key still replays, a purged key is a new request', async () => {
    // Started after both districts exist, so each has its purge scheduler from the start.
    await t.platform.startWorker();
    const first = { firstName: 'Dirk', lastName: 'Maes' };
    const second = { firstName: 'Els', lastName: 'Claes' };
    const old = await post(genk, 'pv-2026-0101', first);
    expect(old.status).toBe(201);
    clock.advance({ hours: 25 });
    const fresh = await post(genk, 'pv-2026-0102', second);
    expect(fresh.status).toBe(201);

    // Hasselt's keys from before go on its own schedule; so does Genk's old one.
    await eventually(async () => {
      expect(await keysOf(hasselt)).toEqual([]);
      expect(await keysOf(genk)).toEqual(['pv-2026-0102']);
    });

    const replay = await post(genk, 'pv-2026-0102', second);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(fresh.headers.get('location'));

    const before = await persons(genk);
    const anew = await post(genk, 'pv-2026-0101', first);
    expect(anew.status).toBe(201);
    expect(anew.headers.get('idempotent-replayed')).toBeNull();
    expect(anew.headers.get('location')).not.toBe(old.headers.get('location'));
    expect(await persons(genk)).toBe(before + 1);
    // The key is claimed again, fresh, and replays from now on.
    const again = await post(genk, 'pv-2026-0101', first);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(anew.headers.get('location'));
  });
});
