import type { MigrationClass } from '@ketenhuis/sdk';
import type { PlatformConfig } from '../config/config';
import { createDataSource } from './data-source';
import { applyGrants, ensureRoles, type TablePrivileges } from './roles';
import { corePrivilegeExceptions, coreMigrations } from './migrations';

export interface MigrateResult {
  applied: string[];
}

/**
 * `ketenhuis migrate`: roles, then core and module migrations as the owner role, then grants.
 * Safe to run on every start; it does nothing when everything is applied.
 */
export async function migrate(
  config: Pick<PlatformConfig, 'databaseUrl' | 'ownerRole' | 'appRole' | 'appPassword'>,
  moduleMigrations: MigrationClass[] = [],
  extraExceptions: TablePrivileges[] = [],
): Promise<MigrateResult> {
  const admin = createDataSource({ url: config.databaseUrl, poolMax: 1, applicationName: 'ketenhuis-migrate' });
  await admin.initialize();
  try {
    // Serialise concurrent migrators (several pods starting at once).
    await admin.query(`SELECT pg_advisory_lock(hashtext('ketenhuis.migrate'))`);
    try {
      await ensureRoles(admin, config.ownerRole, config.appRole, config.appPassword);
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(hashtext('ketenhuis.migrate'))`);
    }
  } finally {
    await admin.destroy();
  }

  const owner = createDataSource({
    url: config.databaseUrl,
    poolMax: 1,
    sessionRole: config.ownerRole,
    migrations: [...coreMigrations, ...moduleMigrations],
    applicationName: 'ketenhuis-migrate',
  });
  await owner.initialize();
  try {
    await owner.query(`SELECT pg_advisory_lock(hashtext('ketenhuis.migrate'))`);
    try {
      const ran = await owner.runMigrations({ transaction: 'each' });
      await applyGrants(owner, config.appRole, [...corePrivilegeExceptions, ...extraExceptions]);
      return { applied: ran.map((m) => m.name) };
    } finally {
      await owner.query(`SELECT pg_advisory_unlock(hashtext('ketenhuis.migrate'))`);
    }
  } finally {
    await owner.destroy();
  }
}
