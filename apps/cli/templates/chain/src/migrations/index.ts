import type { MigrationClass } from '@ketenhuis/sdk';

/**
 * The chain's own tables, one migration class per file in this folder, listed here oldest first.
 * A class's `name` ends in a 13-digit timestamp; its `up` creates tables whose names start with
 * the chain id and puts each under `enableTenantIsolation(q, table)` (docs/modules.md §11).
 * A chain may have none.
 */
export const migrations: MigrationClass[] = [];
