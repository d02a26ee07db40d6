import { notFound, type ChainModule } from '@ketenhuis/sdk';
import type { ModuleRegistry } from '../../kernel/modules/module-registry';
import type { ExistsRow } from '../../kernel/db/rows';

/**
 * What a report reads through: a query in a transaction bound to one tenant (the API's unit of
 * work, or the CLI's operator transaction), so row-level security confines it to that tenant.
 * `T` is the row, typed as TenantScope.query's is.
 */
export type ReportQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Numbers the parameters of one statement as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The chain a report is about: installed and enabled in the tenant, else 404 like any unknown id. */
export async function reportedChain(query: ReportQuery, registry: ModuleRegistry, chain: string): Promise<ChainModule> {
  const mod = registry.get(chain);
  const [enabled] = mod ? await query<ExistsRow>('SELECT 1 FROM tenant_modules WHERE module_id = $1', [chain]) : [];
  if (!mod || !enabled) throw notFound();
  return mod;
}
