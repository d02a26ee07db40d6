import { DataSource } from 'typeorm';
import type { MigrationClass } from '@ketenhuis/sdk';

export interface DataSourceOptions {
  url: string;
  entities?: Function[];
  migrations?: MigrationClass[];
  poolMax?: number;
  /** Runs every session of this pool as this role (Postgres `role` startup option). */
  sessionRole?: string;
  applicationName?: string;
}

export const MIGRATIONS_TABLE = 'ketenhuis_migrations';

/**
 * One factory for both pools: the application pool (application role, RLS applies) and the
 * migration pool (owner role, so every table is owned by the owner and never by the app role).
 */
export function createDataSource(opts: DataSourceOptions): DataSource {
  const pgOptions = opts.sessionRole ? `-c role=${opts.sessionRole}` : undefined;
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: opts.entities ?? [],
    migrations: (opts.migrations ?? []) as Function[],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Extensions are the migrations' business (run as the owner); the application role may not
    // create any, and entities with uuid keys would otherwise have TypeORM try on connect.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    applicationName: opts.applicationName ?? 'ketenhuis',
    poolSize: opts.poolMax ?? 10,
    extra: {
      ...(pgOptions ? { options: pgOptions } : {}),
      // Fail fast when the pool is exhausted for too long rather than queueing forever.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  });
}
