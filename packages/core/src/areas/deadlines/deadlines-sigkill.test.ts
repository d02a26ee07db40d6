import { ManualClock, eventually } from '@ketenhuis/testing';
import type { Actor } from '@ketenhuis/sdk';
import { registerCase, type Tenant } from '../../index';
import { startTestPlatform, testRedisUrl, identityHelpers, type TestPlatform } from '../../testing';
import { deadlineTestChain } from './deadline-chain.test-support';
import { spawnDeadlineWorker, type WorkerChild } from './deadline-child.test-support';

const GROUP = 500;
const TOTAL = 2 * GROUP;
const HOUR = 3_600_000;

// The promise: killing the worker with SIGKILL during 1,000 deadline and notification
// jobs leaves every effect applied exactly once. The worker runs in a child process (as in
// production, a process of its own) that the test kills outright, mid-stream; a second one takes
// over, including the jobs the first had taken and never finished (BullMQ hands them out again
// once their lock expires: KETENHUIS_JOB_LOCK_MS, 3 s here instead of a minute).
describe('deadline jobs when the worker is killed', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let t: TestPlatform;
  let tenant: Tenant;
  let police: Actor;
  const children: WorkerChild[] = [];

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [deadlineTestChain], clock, redisUrl: testRedisUrl(), config: { deadlineSweepMs: 200, jobLockMs: 3_000 } });
    const h = identityHelpers(t);
    tenant = await t.createTenant('genk', ['termijn']);
    const beheerder = await t.token(tenant, { subject: 'genk-beheerder', roles: ['tenant-beheerder'] });
    const zone = await h.organisation(beheerder, 'Politiezone Genk', 'politiezone', { policeZoneCode: '9907' });
    police = { subject: 'genk-inspecteur', roles: [], permissions: new Set(), organisationId: zone, function: 'politie-inspecteur' };
  });
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await t?.close();
  });

  const inTenant = <T>(sql: string, params: unknown[] = []) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<T>(sql, params));
  /** Registers cases in batches of a hundred per transaction; each starts its 48-hour clock now. */
  async function registerCases(n: number): Promise<void> {
    for (let done = 0; done < n; done += 100) {
      await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (scope) => {
        for (let i = 0; i < Math.min(100, n - done); i++) await registerCase(scope, police, { chain: 'termijn', caseType: 'termijn-dossier' });
      });
    }
  }
  const applied = async () => (await inTenant<{ n: number }>(
    'SELECT count(*)::int AS n FROM deadlines WHERE warned_at IS NOT NULL OR expired_at IS NOT NULL'))[0].n;
  const start = async (at: Date) => {
    const child = await spawnDeadlineWorker(t.platform.config, at);
    children.push(child);
    return child;
  };

  it('applies every warning and expiry exactly once when the worker is SIGKILLed partway', async () => {
    const t0 = clock.now().getTime();
    await registerCases(GROUP);
    clock.advance({ hours: 12 });
    await registerCases(GROUP);
    // At 49 hours the first group is past its due date (an expiry each), the second past its
    // warning point (36 hours after it started) but not due: a warning each.
    const at = new Date(t0 + 49 * HOUR);
    expect(await inTenant(`SELECT 1 FROM deadlines WHERE state = 'running' AND due_at <= $1`, [at])).toHaveLength(GROUP);
    expect(await inTenant(`SELECT 1 FROM deadlines WHERE state = 'running' AND warn_at <= $1 AND due_at > $1`, [at])).toHaveLength(GROUP);

    const first = await start(at);
    await eventually(async () => expect(await applied()).toBeGreaterThan(0), 60_000, 10);
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = await applied();
    // Killed partway: some effects committed, not all (otherwise this proves nothing).
    expect({ atKill, partway: atKill > 0 && atKill < TOTAL }).toEqual({ atKill, partway: true });

    const second = await start(at);
    await eventually(async () => expect(await applied()).toBe(TOTAL), 240_000, 250);
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const notifications = await inTenant<{ kind: string; deadlines: number; rows: number }>(
      `SELECT kind, count(DISTINCT deadline_id)::int AS deadlines, count(*)::int AS rows FROM notifications GROUP BY kind ORDER BY kind`);
    expect(notifications).toEqual([
      { kind: 'deadline-expired', deadlines: GROUP, rows: GROUP },
      { kind: 'deadline-warning', deadlines: GROUP, rows: GROUP },
    ]);
    const timeline = await inTenant<{ kind: string; cases: number; rows: number }>(
      `SELECT kind, count(DISTINCT case_id)::int AS cases, count(*)::int AS rows FROM case_timeline WHERE kind LIKE 'deadline-%' GROUP BY kind ORDER BY kind`);
    expect(timeline).toEqual([
      { kind: 'deadline-expired', cases: GROUP, rows: GROUP },
      { kind: 'deadline-warning', cases: GROUP, rows: GROUP },
    ]);
    const events = await inTenant<{ type: string; deadlines: number; rows: number }>(
      `SELECT type, count(DISTINCT payload->>'deadlineId')::int AS deadlines, count(*)::int AS rows FROM outbox_events WHERE type LIKE 'core.deadline-%' GROUP BY type ORDER BY type`);
    expect(events).toEqual([
      { type: 'core.deadline-expired', deadlines: GROUP, rows: GROUP },
      { type: 'core.deadline-warning', deadlines: GROUP, rows: GROUP },
    ]);
    // The rows say the same: the first group expired, the second warned and still runs.
    expect(await inTenant<{ state: string; warned: boolean; n: number }>(
      `SELECT state, warned_at IS NOT NULL AS warned, count(*)::int AS n FROM deadlines GROUP BY 1, 2 ORDER BY 1`)).toEqual([
      { state: 'expired', warned: false, n: GROUP },
      { state: 'running', warned: true, n: GROUP },
    ]);
  }, 360_000);
});
