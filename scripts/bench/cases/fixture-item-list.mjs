import { fetchOk } from '../platform-env.mjs';

const path = '/api/v1/chains/fixture/items?limit=20';

// The first page of a tenant's items: like the read by key, but an ordered range scan and a
// twenty-row body.
export default {
  name: 'GET /chains/fixture/items?limit=20',
  async setup(env) {
    return {
      baseline: { method: 'get', route: '/api/v1/chains/fixture/items', body: await fetchOk(env, path) },
      // The platform's page order on the same index (tenant_id, created_at, id).
      floor: { sql: 'SELECT id FROM fixture_items ORDER BY created_at, id LIMIT $1', params: (req) => [Number(req.query.limit)] },
      requests: [{ method: 'GET', path, headers: { authorization: `Bearer ${env.token}` } }],
    };
  },
};
