import type { EntityManager } from 'typeorm';
import type { ModuleRegistry } from '../../kernel/modules/module-registry';

export type GrantOverrides = Map<string, boolean>;

/** The tenant's adjustments of one function's default grants (RLS confines them to the tenant). */
export async function grantOverrides(manager: EntityManager, fn: string): Promise<GrantOverrides> {
  const rows: { permission: string; granted: boolean }[] = await manager.query(
    'SELECT permission, granted FROM function_grants WHERE function = $1', [fn]);
  return new Map(rows.map((r) => [r.permission, r.granted]));
}

/**
 * Defaults of core and the installed modules, then the tenant's overrides. An override of a
 * permission no installed module declares any more is ignored rather than granted.
 */
export function effectivePermissions(registry: ModuleRegistry, fn: string, overrides: GrantOverrides): Set<string> {
  const out = registry.permissionsOf([fn]);
  for (const [permission, granted] of overrides) {
    if (!registry.permissions.has(permission)) continue;
    if (granted) out.add(permission);
    else out.delete(permission);
  }
  return out;
}

export async function permissionsOfFunction(manager: EntityManager, registry: ModuleRegistry, fn: string): Promise<Set<string>> {
  return effectivePermissions(registry, fn, await grantOverrides(manager, fn));
}

export const sorted = (s: Iterable<string>): string[] => [...s].sort();
