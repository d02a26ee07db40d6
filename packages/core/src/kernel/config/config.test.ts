import { ConfigError, deriveAppUrl, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/ketenhuis');
    expect(c.databaseAppUrl).toBe('postgres://ketenhuis_app@127.0.0.1:5432/ketenhuis');
    expect(c.redisUrl).toBeUndefined();
    expect(c.modules).toEqual([]);
    expect(c.deadlineSweepMs).toBe(60_000);
    expect(c.idempotencyRetentionHours).toBe(24);
    expect(c.idempotencyPurgeMs).toBe(3_600_000);
    expect(c.jobLockMs).toBe(60_000);
    expect(c.webhookAllowLocal).toBe(false);
    expect(c.outboxPollMs).toBe(500);
    expect(c.outboxSafetyPollMs).toBe(30_000);
    expect(c.eventConcurrency).toBe(8);
  });

  it('reads the outbox safety-net poll and the event concurrency', () => {
    const c = loadConfig({ KETENHUIS_OUTBOX_SAFETY_POLL_MS: '3600000', KETENHUIS_EVENT_CONCURRENCY: '4' });
    expect(c.outboxSafetyPollMs).toBe(3_600_000);
    expect(c.eventConcurrency).toBe(4);
  });

  it('reads KETENHUIS_WEBHOOK_ALLOW_LOCAL as a boolean', () => {
    for (const on of ['true', 'TRUE', '1', ' true ']) expect(loadConfig({ KETENHUIS_WEBHOOK_ALLOW_LOCAL: on }).webhookAllowLocal).toBe(true);
    for (const off of ['false', '0', '']) expect(loadConfig({ KETENHUIS_WEBHOOK_ALLOW_LOCAL: off }).webhookAllowLocal).toBe(false);
  });

  it('derives the application URL from the owner URL, role and password', () => {
    expect(deriveAppUrl('postgres://admin:pw@db:5432/kh', 'kh_app', 's3cret/+')).toBe('postgres://kh_app:s3cret%2F%2B@db:5432/kh');
    const c = loadConfig({ DATABASE_URL: 'postgres://admin:pw@db/kh', DATABASE_APP_ROLE: 'app_role', DATABASE_APP_PASSWORD: 'x' });
    expect(c.databaseAppUrl).toBe('postgres://app_role:x@db/kh');
  });

  it('reads the installed modules as a list', () => {
    expect(loadConfig({ KETENHUIS_MODULES: ' @ketenhuis/chain-m, @ketenhuis/chain-ifg ,' }).modules).toEqual(['@ketenhuis/chain-m', '@ketenhuis/chain-ifg']);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX'],
    [{ DATABASE_URL: 'nonsense' }, 'DATABASE_URL'],
    [{ DATABASE_APP_ROLE: 'Robert"); DROP' }, 'DATABASE_APP_ROLE'],
    [{ DATABASE_APP_ROLE: 'ketenhuis_owner' }, 'DATABASE_APP_ROLE'],
    [{ HTTP_REQUEST_TIMEOUT_MS: '-5' }, 'HTTP_REQUEST_TIMEOUT_MS'],
    [{ KETENHUIS_DEADLINE_SWEEP_MS: '50' }, 'KETENHUIS_DEADLINE_SWEEP_MS'],
    [{ KETENHUIS_IDEMPOTENCY_RETENTION_HOURS: '0' }, 'KETENHUIS_IDEMPOTENCY_RETENTION_HOURS'],
    [{ KETENHUIS_IDEMPOTENCY_PURGE_MS: '1.5' }, 'KETENHUIS_IDEMPOTENCY_PURGE_MS'],
    [{ KETENHUIS_WEBHOOK_ALLOW_LOCAL: 'yes please' }, 'KETENHUIS_WEBHOOK_ALLOW_LOCAL'],
    [{ KETENHUIS_OUTBOX_SAFETY_POLL_MS: '5' }, 'KETENHUIS_OUTBOX_SAFETY_POLL_MS'],
    [{ KETENHUIS_EVENT_CONCURRENCY: '0' }, 'KETENHUIS_EVENT_CONCURRENCY'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
