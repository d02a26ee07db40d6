import type { Tenant } from '../kernel/tenancy/tenants';
import type { Platform } from '../platform';

/** Reads tenant-owned rows the way the application does: inside that tenant's unit of work. */
export function inTenant<T extends object>(platform: Platform, tenant: Pick<Tenant, 'id' | 'slug'>, sql: string, params: unknown[] = []): Promise<T[]> {
  return platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (scope) => scope.query<T>(sql, params));
}

/** How many fixture effects of `kind` each ref has in the tenant. */
export async function effectCounts(platform: Platform, tenant: Pick<Tenant, 'id' | 'slug'>, kind: 'event' | 'job'): Promise<Map<string, number>> {
  const rows = await inTenant<{ ref: string; n: number }>(platform, tenant,
    'SELECT ref, count(*)::int AS n FROM fixture_effects WHERE kind = $1 GROUP BY ref', [kind]);
  return new Map(rows.map((r) => [r.ref, r.n]));
}

/** Writes `count` fixture events in one tenant transaction, as a route would; returns their ids. */
export function publishFixtureEvents(platform: Platform, tenant: Pick<Tenant, 'id' | 'slug'>, count: number): Promise<string[]> {
  return platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (scope) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(await scope.publish({ type: 'fixture.item-created', aggregateType: 'fixture-item', aggregateId: `synthetic-${i}` }));
    }
    return ids;
  });
}
