import { fetchOk } from '../platform-env.mjs';

const path = (id) => `/api/v1/chains/fixture/items/${id}`;

// A tenant-scoped read by key: token verification, tenant lookup, OpenAPI validation, a
// transaction with set_config, the module-enabled check and one RLS-filtered query.
export default {
  name: 'GET /chains/fixture/items/{id}',
  async setup(env) {
    return {
      baseline: { method: 'get', route: '/api/v1/chains/fixture/items/:id', body: await fetchOk(env, path(env.itemIds[0])) },
      floor: { sql: 'SELECT id FROM fixture_items WHERE id = $1', params: (req) => [req.params.id] },
      // Each connection walks all items, so the database does not answer one hot row.
      requests: env.itemIds.map((id) => ({ method: 'GET', path: path(id), headers: { authorization: `Bearer ${env.token}` } })),
    };
  },
};
