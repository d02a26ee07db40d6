import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MigrationClass } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../kernel/config/config';
import { migrate, type MigrateResult } from '../kernel/db/migrate';

export interface TestDatabase {
  name: string;
  /** Superuser-side URL on the test database (like DATABASE_URL in production: runs migrations). */
  adminUrl: string;
  /** The application role's URL: what the platform connects with. */
  appUrl: string;
  ownerRole: string;
  appRole: string;
  migrated: MigrateResult;
  drop(): Promise<void>;
}

/** The server tests use; override with TEST_DATABASE_URL (any database on it; we create our own). */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The shared Redis tests use when they need no outage of their own; override with TEST_REDIS_URL. */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
}

/**
 * A fresh database for one test file, with its own owner and application roles (roles are
 * cluster-wide, so sharing them would couple files that run in parallel), fully migrated.
 */
export async function createTestDatabase(moduleMigrations: MigrationClass[] = []): Promise<TestDatabase> {
  const suffix = randomBytes(5).toString('hex');
  const name = `kh_test_${suffix}`;
  const ownerRole = `kh_test_${suffix}_owner`;
  const appRole = `kh_test_${suffix}_app`;
  const server = new URL(testServerUrl());
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const adminUrl = new URL(server.toString());
  adminUrl.pathname = `/${name}`;
  const appUrl = new URL(adminUrl.toString());
  appUrl.username = appRole;
  appUrl.password = '';
  const config: Pick<PlatformConfig, 'databaseUrl' | 'ownerRole' | 'appRole' | 'appPassword'> = { databaseUrl: adminUrl.toString(), ownerRole, appRole };
  const migrated = await migrate(config, moduleMigrations);
  return {
    name, adminUrl: adminUrl.toString(), appUrl: appUrl.toString(), ownerRole, appRole, migrated,
    async drop() {
      const c = new Client({ connectionString: server.toString() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${appRole}`);
        await c.query(`DROP ROLE IF EXISTS ${ownerRole}`);
      } finally {
        await c.end();
      }
    },
  };
}
