import type { RouteDefinition } from '@ketenhuis/sdk';

/** Described in packages/contracts/openapi/core.yaml. */
export const tenantRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/tenant',
    async handle(_req, scope) {
      const [tenant] = await scope.query<{ id: string; slug: string; name: string }>('SELECT id, slug, name FROM tenants WHERE id = $1', [scope.tenantId]);
      const modules = await scope.query<{ module_id: string }>('SELECT module_id FROM tenant_modules ORDER BY module_id');
      return { status: 200, body: { ...tenant, modules: modules.map((m) => m.module_id) } };
    },
  },
];
