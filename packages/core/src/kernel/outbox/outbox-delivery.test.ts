import pino from 'pino';
import { defineChainModule } from '@ketenhuis/sdk';
import { fixtureModule, eventually } from '@ketenhuis/testing';
import { EVENTS_QUEUE, EventDispatcher, OutboxRelay, PlatformMetrics, createQueueFactory, startRedisServer, type QueueFactory, type RedisTestServer, type Tenant } from '../../index';
import { startTestPlatform, effectCounts, inTenant, publishFixtureEvents, type TestPlatform } from '../../testing';

const silent = pino({ level: 'silent' });

// In one district only, fails the first delivery of every event, as a transient fault would.
const FLAKY_TENANT = 'oost-vlaanderen';
const failedOnce = new Set<string>();
const handledByFlaky: string[] = [];
const flakyModule = defineChainModule({
  id: 'flaky',
  title: { nl: 'Haperende keten', en: 'Flaky chain' },
  version: '1.0.0',
  permissions: [],
  eventHandlers: [{
    id: 'flaky.on-item-created',
    eventType: 'fixture.item-created',
    async handle(event, scope) {
      if (scope.tenantSlug === FLAKY_TENANT && !failedOnce.has(event.id)) {
        failedOnce.add(event.id);
        throw new Error('transient fault');
      }
      handledByFlaky.push(event.id);
    },
  }],
});

// Exactly-once effects on top of at-least-once delivery: the relay may publish an event more than
// once and BullMQ may run a job more than once; handlers still apply each event once.
let redis: RedisTestServer;
beforeAll(async () => {
  // Private, so no other suite's workers take this suite's jobs from the shared queue names.
  redis = await startRedisServer();
});
afterAll(() => redis?.stop());

describe('outbox relays running side by side', () => {
  let t: TestPlatform;
  let tenants: Tenant[];

  beforeAll(async () => {
    // No worker yet: the relays under test are the only ones publishing.
    t = await startTestPlatform({ modules: [fixtureModule], redisUrl: redis.url });
    tenants = await Promise.all(['limburg', 'antwerpen', 'west-vlaanderen'].map((slug) => t.createTenant(slug)));
  });
  afterAll(() => t?.close());

  it('three relays draining 300 events at once publish each event once', async () => {
    const ids = new Map<Tenant, string[]>();
    for (const tenant of tenants) ids.set(tenant, await publishFixtureEvents(t.platform, tenant, 100));

    // Separate factories, as separate worker processes would have.
    const factories: QueueFactory[] = [];
    const relays = Array.from({ length: 3 }, () => {
      const factory = createQueueFactory({ kind: 'redis', url: redis.url, prefix: t.platform.config.redisPrefix });
      factories.push(factory);
      const metrics = new PlatformMetrics(false);
      return { metrics, relay: new OutboxRelay(t.platform.db, factory.queue(EVENTS_QUEUE, { failFast: true }), silent, metrics, { pollMs: 10, batchSize: 7 }) };
    });
    try {
      // A fail-fast producer refuses commands until its connection is up; a relay would just
      // retry next round, but here every relay must take part in the first one.
      await Promise.all(factories.map((f) => f.ping()));
      const published = await Promise.all(relays.map(({ relay }) => relay.drainAll()));
      expect(published.reduce((a, b) => a + b, 0)).toBe(300);
      // Each relay did part of the work, so the locks really were contended.
      expect(published.filter((n) => n > 0).length).toBeGreaterThan(1);
      const counted = await Promise.all(relays.map(async ({ metrics }) => (await metrics.outboxPublished.get()).values[0]?.value ?? 0));
      expect(counted.reduce((a, b) => a + b, 0)).toBe(300);
    } finally {
      await Promise.all(factories.map((f) => f.close()));
    }

    const queued = await t.platform.queues.queue(EVENTS_QUEUE).getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect(Object.values(queued).reduce((a, b) => a + b, 0)).toBe(300);

    await t.platform.startWorker();
    for (const tenant of tenants) {
      const counts = await eventually(async () => {
        const c = await effectCounts(t.platform, tenant, 'event');
        expect(c.size).toBe(100);
        return c;
      });
      expect([...counts.keys()].sort()).toEqual([...ids.get(tenant)!].sort());
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    }
  });

});

describe('event handlers', () => {
  let t: TestPlatform;
  let tenants: Tenant[];

  beforeAll(async () => {
    // A row a crashed relay left unpublished is announced by nothing: only the relay's safety-net
    // poll finds it, so the republishing test below needs that poll short.
    t = await startTestPlatform({ modules: [fixtureModule, flakyModule], worker: true, redisUrl: redis.url, config: { outboxSafetyPollMs: 100 } });
    tenants = await Promise.all(['limburg', 'antwerpen', FLAKY_TENANT].map((slug) => t.createTenant(slug)));
  });
  afterAll(() => t?.close());

  it('an event the relay publishes again is deduplicated by its job id', async () => {
    const [tenant] = tenants;
    const [eventId] = await publishFixtureEvents(t.platform, tenant, 1);
    await eventually(async () => expect((await effectCounts(t.platform, tenant, 'event')).get(eventId)).toBe(1));
    const queue = t.platform.queues.queue(EVENTS_QUEUE);
    const first = await eventually(async () => {
      const job = await queue.getJob(eventId);
      expect(job?.finishedOn).toBeDefined();
      return job;
    });

    // What a relay that crashed after adding the job, before its commit, leaves behind.
    await inTenant(t.platform, tenant, 'UPDATE outbox_events SET published_at = NULL WHERE id = $1', [eventId]);
    await eventually(async () => {
      const [row] = await inTenant<{ published_at: Date | null }>(t.platform, tenant, 'SELECT published_at FROM outbox_events WHERE id = $1', [eventId]);
      expect(row.published_at).not.toBeNull();
    });

    const again = await queue.getJob(eventId);
    expect(again?.timestamp).toBe(first?.timestamp);
    expect(again?.finishedOn).toBe(first?.finishedOn);
    expect((await effectCounts(t.platform, tenant, 'event')).get(eventId)).toBe(1);
  });

  it('a redelivered job has its effect applied once, even when both deliveries run at once', async () => {
    const [, tenant] = tenants;
    const [sequential, concurrent] = await publishFixtureEvents(t.platform, tenant, 2);
    const dispatcher = new EventDispatcher(t.platform.uow, silent, t.platform.registry.eventHandlers);
    const dispatch = (eventId: string) => dispatcher.dispatch({ tenantId: tenant.id, eventId }, tenant.slug);

    await dispatch(sequential);
    await dispatch(sequential);
    await Promise.all(Array.from({ length: 5 }, () => dispatch(concurrent)));

    await eventually(async () => {
      const counts = await effectCounts(t.platform, tenant, 'event');
      expect(counts.get(sequential)).toBe(1);
      expect(counts.get(concurrent)).toBe(1);
    });
    const deliveries = await inTenant<{ event_id: string; handler: string }>(t.platform, tenant,
      'SELECT event_id, handler FROM outbox_deliveries WHERE event_id = ANY($1)', [[sequential, concurrent]]);
    expect(deliveries.filter((d) => d.handler === 'fixture.record-created')).toHaveLength(2);
  });

  it('a handler that fails is retried, and only that handler: the others already applied keep their single effect', async () => {
    const [, , tenant] = tenants;
    const [eventId] = await publishFixtureEvents(t.platform, tenant, 1);
    await eventually(async () => expect(handledByFlaky).toContain(eventId));
    expect(failedOnce.has(eventId)).toBe(true);
    expect(handledByFlaky.filter((id) => id === eventId)).toHaveLength(1);
    expect((await effectCounts(t.platform, tenant, 'event')).get(eventId)).toBe(1);
    // The handler has run; its transaction may still be committing.
    await eventually(async () => {
      const handlers = await inTenant<{ handler: string }>(t.platform, tenant,
        // Core's webhook fan-out takes only events about cases, referrals and notifications: a
        // fixture item's event costs it no transaction and leaves no delivery record of it.
        'SELECT handler FROM outbox_deliveries WHERE event_id = $1 ORDER BY handler', [eventId]);
      expect(handlers.map((h) => h.handler)).toEqual(['fixture.record-created', 'flaky.on-item-created']);
    });
  });

  it('handlers of a module the tenant did not enable do not run, and record no delivery', async () => {
    const leuven = await t.createTenant('leuven', ['flaky']);
    const [eventId] = await publishFixtureEvents(t.platform, leuven, 1);
    await eventually(async () => {
      const handlers = await inTenant<{ handler: string }>(t.platform, leuven, 'SELECT handler FROM outbox_deliveries WHERE event_id = $1', [eventId]);
      expect(handlers.map((h) => h.handler)).toEqual(['flaky.on-item-created']);
    });
    expect((await effectCounts(t.platform, leuven, 'event')).size).toBe(0);
  });
});
