import { Redis } from 'ioredis';
import { ManualClock, eventually } from '@ketenhuis/testing';
import type { Tenant, WorkerHost } from '../../index';
import { startTestPlatform, testRedisUrl, identityHelpers, type TestPlatform, type CaseBody } from '../../testing';
import { deadlineTestChain as termijnChain } from './deadline-chain.test-support';

// A busy CI machine runs many test files at once; the sweeps may take a while to get their turn.
const SLOW_MACHINE_MS = 120_000;
const PER_GROUP = 15;

// Redis only wakes the platform; the rows are the truth. Deleting every queue key of this
// platform (jobs, schedulers, locks) while deadlines are due loses none of their effects and
// duplicates none: the worker re-creates its schedulers and the next sweep catches up.
describe('deadlines when Redis is flushed', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let t: TestPlatform;
  let tenant: Tenant;
  let host: WorkerHost;
  let redis: Redis;
  let inspecteur: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [termijnChain], clock, redisUrl: testRedisUrl(), config: { deadlineSweepMs: 200 } });
    redis = new Redis(testRedisUrl());
    const h = identityHelpers(t);
    tenant = await t.createTenant('tongeren', ['termijn']);
    const beheerder = await t.token(tenant, { subject: 'tongeren-beheerder', roles: ['tenant-beheerder'] });
    const zone = await h.organisation(beheerder, 'Politiezone Tongeren', 'politiezone', { policeZoneCode: '9906' });
    await h.user(beheerder, { name: 'inspecteur', email: 'inspecteur@tongeren.example', subject: 'tongeren-inspecteur' }, [[zone, 'politie-inspecteur']]);
    inspecteur = await t.token(tenant, { subject: 'tongeren-inspecteur' });
    host = await t.platform.startWorker();
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  const inTenant = <T>(sql: string, params: unknown[] = []) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<T>(sql, params));
  const registerGroup = async () => {
    const ids: string[] = [];
    for (let i = 0; i < PER_GROUP; i++) {
      const res = await t.request('POST', '/api/v1/cases', { token: inspecteur, body: { chain: 'termijn', caseType: 'termijn-dossier' } });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as CaseBody).id);
    }
    return ids;
  };
  const count = async (column: 'warned_at' | 'expired_at', caseIds: string[]) =>
    (await inTenant<{ n: number }>(`SELECT count(*)::int AS n FROM deadlines WHERE ${column} IS NOT NULL AND case_id = ANY ($1)`, [caseIds]))[0].n;
  /** Deletes every key of this platform's prefix, and only those: other test files share the server. */
  async function flushOurKeys(): Promise<number> {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.db.name}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }

  it('applies every later warning and expiry exactly once', async () => {
    const early = await registerGroup();
    clock.advance({ hours: 24 });
    const late = await registerGroup();

    // Early group warned (36 h); the late group is 12 hours younger and not there yet.
    clock.advance({ hours: 13 });
    await eventually(async () => expect(await count('warned_at', early)).toBe(PER_GROUP), SLOW_MACHINE_MS);
    expect(await count('warned_at', late)).toBe(0);

    // Early group due: flush while its expiry jobs are queued or running.
    clock.advance({ hours: 12 });
    expect(await flushOurKeys()).toBeGreaterThan(0);
    expect(await t.platform.queues.queue('core.deadlines').getJobSchedulers()).toEqual([]);
    // What the worker's periodic re-sync does: the schedulers come back from the tenant list.
    await host.syncSchedules();
    await eventually(async () => expect(await count('expired_at', early)).toBe(PER_GROUP), SLOW_MACHINE_MS);

    // Everything after the flush still happens: the late group warns, then expires.
    clock.advance({ hours: 12 });
    await eventually(async () => expect(await count('warned_at', late)).toBe(PER_GROUP), SLOW_MACHINE_MS);
    clock.advance({ hours: 12 });
    await eventually(async () => expect(await count('expired_at', late)).toBe(PER_GROUP), SLOW_MACHINE_MS);

    // Exactly once per deadline and phase: notifications, timeline entries and events.
    const all = [...early, ...late];
    const notifications = await inTenant<{ deadline_id: string; kind: string; n: number }>(
      `SELECT deadline_id, kind, count(*)::int AS n FROM notifications WHERE case_id = ANY ($1) GROUP BY deadline_id, kind`, [all]);
    expect(notifications).toHaveLength(2 * all.length);
    expect(notifications.every((r) => r.n === 1)).toBe(true);
    const timeline = await inTenant<{ case_id: string; kind: string; n: number }>(
      `SELECT case_id, kind, count(*)::int AS n FROM case_timeline WHERE case_id = ANY ($1) AND kind LIKE 'deadline-%' GROUP BY case_id, kind`, [all]);
    expect(timeline).toHaveLength(2 * all.length);
    expect(timeline.every((r) => r.n === 1)).toBe(true);
    const events = await inTenant<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM outbox_events WHERE type LIKE 'core.deadline-%' GROUP BY type ORDER BY type`);
    expect(events).toEqual([{ type: 'core.deadline-expired', n: all.length }, { type: 'core.deadline-warning', n: all.length }]);
  }, 300_000);
});
