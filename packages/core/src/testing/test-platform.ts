import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { DataSource } from 'typeorm';
import type { ChainModule, Clock } from '@ketenhuis/sdk';
import { createKetenhuisClient } from '@ketenhuis/contracts';
import { BuiltInIssuer } from '../kernel/auth/built-in-issuer';
import { loadConfig, type PlatformConfig } from '../kernel/config/config';
import { generateKeyMaterial } from '../kernel/crypto/key-ring';
import { createDataSource } from '../kernel/db/data-source';
import { createLogger } from '../kernel/observability/logger';
import { TenantRegistry, type Tenant } from '../kernel/tenancy/tenants';
import { Platform } from '../platform';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestPlatformOptions {
  modules?: ChainModule[];
  /** Application pool size; small pools prove that tenant context never leaks between requests. */
  poolMax?: number;
  /** Start the worker host too (queues, schedulers, outbox relay). */
  worker?: boolean;
  /** Use this Redis for queues (e.g. testRedisUrl()); default is BullMQ's Postgres backend in the test database. */
  redisUrl?: string;
  config?: Partial<PlatformConfig>;
  /** Where the platform's logs go (e.g. to prove what they never contain); default: nowhere. */
  logDestination?: pino.DestinationStream;
  /** The platform's clock (e.g. a ManualClock), for deadlines that pass without waiting. */
  clock?: Clock;
}

export interface TestPlatform {
  baseUrl: string;
  platform: Platform;
  db: TestDatabase;
  /** Owner-side connection for arranging data and inspecting it as the test's superuser. */
  admin: DataSource;
  createTenant(slug: string, modules?: string[]): Promise<Tenant>;
  token(tenant: Pick<Tenant, 'id'>, opts?: { subject?: string; roles?: string[]; ttlSeconds?: number }): Promise<string>;
  /** fetch() against the platform with an optional bearer token; JSON bodies are encoded. */
  request(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** The typed client of packages/contracts (openapi-fetch), as partner systems use it. */
  client(token?: string, headers?: Record<string, string>): ReturnType<typeof createKetenhuisClient>;
  close(): Promise<void>;
}

/**
 * Starts the platform through its public surface against a fresh database (and the real queue
 * backend), like Backstage's test backend: what the test proves is what production runs.
 */
export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const modules = opts.modules ?? [];
  const db = await createTestDatabase(modules.flatMap((m) => m.migrations ?? []));
  const keys = generateKeyMaterial();
  const config: PlatformConfig = {
    ...loadConfig({}),
    port: 0,
    databaseUrl: db.adminUrl,
    databaseAppUrl: db.appUrl,
    ownerRole: db.ownerRole,
    appRole: db.appRole,
    poolMax: opts.poolMax ?? 5,
    redisUrl: opts.redisUrl,
    // A Redis shared by parallel test files stays partitioned: every key carries this file's prefix.
    redisPrefix: db.name,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    rateLimitPerMinute: 0,
    outboxPollMs: 50,
    // Test receivers listen on 127.0.0.1; a test of the refusal turns it off again.
    webhookAllowLocal: true,
    // Fresh keys per test platform: nothing encrypted by one test file is readable by another.
    encryptionKeys: keys.KETENHUIS_ENCRYPTION_KEYS,
    indexKey: keys.KETENHUIS_INDEX_KEY,
    ...opts.config,
  };
  let platform: Platform | undefined;
  const admin = createDataSource({ url: db.adminUrl, poolMax: 2, sessionRole: db.ownerRole });
  let server: Server;
  try {
    platform = await Platform.create({ config, modules, clock: opts.clock, logger: opts.logDestination ? createLogger(config.logLevel, opts.logDestination) : pino({ level: config.logLevel }) });
    await admin.initialize();
    if (opts.worker) await platform.startWorker();
    server = await platform.listen(0, '127.0.0.1');
  } catch (err) {
    // A failed start must not leave the database and its roles behind.
    await platform?.close().catch(() => undefined);
    if (admin.isInitialized) await admin.destroy();
    await db.drop();
    throw err;
  }
  const started = platform;
  const issuer = new BuiltInIssuer(admin);
  const tenants = new TenantRegistry(admin);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl, platform: started, db, admin,
    createTenant: (slug, mods) => tenants.create({ slug, name: `District ${slug}`, modules: mods ?? modules.map((m) => m.id) }, started.registry.ids),
    token: (tenant, o = {}) => issuer.sign({ tenantId: tenant.id, subject: o.subject ?? 'test-user', roles: o.roles ?? [], ttlSeconds: o.ttlSeconds }),
    request: (method, path, o = {}) => fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    }),
    client: (token, headers) => createKetenhuisClient(baseUrl, token, headers),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await started.close();
      await admin.destroy();
      await db.drop();
    },
  };
}
