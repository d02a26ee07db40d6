import type { EntityManager } from 'typeorm';
import type { ModuleRegistry } from '../../kernel/modules/module-registry';
import { badRequest, notFound } from '../../kernel/http/problem';
import { FUNCTIONS, functionById, type FunctionDefinition } from './functions';
import { effectivePermissions, grantOverrides, sorted } from './permissions';

export interface Role {
  function: string;
  label: FunctionDefinition['label'];
  /** What the function may do in this tenant. */
  permissions: string[];
  /** What core and the installed modules grant it by default. */
  defaultPermissions: string[];
}

/** Without it nobody could adjust grants again but an operator with a bootstrap token. */
const LOCKOUT_GUARD = { function: 'tenant-beheerder', permission: 'core.identity.manage' };

async function roleOf(manager: EntityManager, registry: ModuleRegistry, fn: FunctionDefinition): Promise<Role> {
  return {
    function: fn.id,
    label: fn.label,
    permissions: sorted(effectivePermissions(registry, fn.id, await grantOverrides(manager, fn.id))),
    defaultPermissions: sorted(registry.permissionsOf([fn.id])),
  };
}

export async function listRoles(manager: EntityManager, registry: ModuleRegistry): Promise<{ items: Role[]; permissions: string[] }> {
  const items: Role[] = [];
  for (const fn of FUNCTIONS) items.push(await roleOf(manager, registry, fn));
  return { items, permissions: sorted(registry.permissions) };
}

/**
 * Makes `permissions` the function's complete set in this tenant: stored as overrides of the
 * defaults (granted or withheld), so a module installed later still brings its defaults for
 * everything the tenant did not decide on. Returns the role and whether anything changed.
 */
export async function setRole(manager: EntityManager, tenantId: string, registry: ModuleRegistry, fnId: string, permissions: string[]): Promise<{ role: Role; changed: boolean }> {
  const fn = functionById(fnId);
  if (!fn) throw notFound();
  permissions.forEach((p, i) => {
    if (!registry.permissions.has(p)) throw badRequest(`body.permissions[${i}]`, `unknown permission "${p}"`);
  });
  const wanted = new Set(permissions);
  if (fn.id === LOCKOUT_GUARD.function && !wanted.has(LOCKOUT_GUARD.permission)) {
    throw badRequest('body.permissions', `${LOCKOUT_GUARD.function} keeps ${LOCKOUT_GUARD.permission}, or nobody could manage identities any more`);
  }
  // Concurrent changes of one function's role take turns: each replaces the whole set of grants.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('function_grants:' || $1 || ':' || $2, 0))`, [tenantId, fn.id]);
  const before = await roleOf(manager, registry, fn);
  const defaults = registry.permissionsOf([fn.id]);
  const overrides = [...registry.permissions]
    .filter((p) => wanted.has(p) !== defaults.has(p))
    .map((p) => ({ permission: p, granted: wanted.has(p) }));
  // Decisions about permissions of modules not installed right now are left alone.
  await manager.query('DELETE FROM function_grants WHERE function = $1 AND permission = ANY($2::text[])', [fn.id, [...registry.permissions]]);
  if (overrides.length) {
    await manager.query(
      `INSERT INTO function_grants (tenant_id, function, permission, granted)
       SELECT $1, $2, u.permission, u.granted FROM unnest($3::text[], $4::boolean[]) AS u(permission, granted)`,
      [tenantId, fn.id, overrides.map((o) => o.permission), overrides.map((o) => o.granted)]);
  }
  const role = await roleOf(manager, registry, fn);
  return { role, changed: role.permissions.join() !== before.permissions.join() };
}
