import { fetchOk } from '../platform-env.mjs';

const path = '/api/v1/chains/fixture/items?limit=20';

// The first page of a tenant's items: like the read by key, but an ordered range scan and a
// twenty-row body.
export default {
  name: 'GET /chains/fixture/items?limit=20',
  async setup(env) {
    return {
      baseline: { method: 'get', route: '/api/v1/chains/fixture/items', body: await fetchOk(env, path) },
      requests: [{ method: 'GET', path, headers: { authorization: `Bearer ${env.token}` } }],
    };
  },
};
