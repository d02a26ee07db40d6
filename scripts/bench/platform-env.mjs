import { testingLib } from './packages.mjs';

const { startTestPlatform, fixtureModule } = testingLib;

/**
 * One platform for every case: a fresh test database, the fixture module, one tenant with
 * `itemCount` items made through the API, and a token whose role may read and write them.
 */
export async function startPlatformEnv({ itemCount = 100, poolMax = 10 } = {}) {
  const t = await startTestPlatform({ modules: [fixtureModule], poolMax, config: { logLevel: 'silent' } });
  try {
    const tenant = await t.createTenant('bench');
    // Long enough to outlive any sensible BENCH_DURATION times the number of cases.
    const token = await t.token(tenant, { subject: 'bench-user', roles: ['administratief-medewerker'], ttlSeconds: 12 * 3600 });
    const itemIds = [];
    for (let i = 1; i <= itemCount; i++) {
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: `Synthetic item ${i}` } });
      if (res.status !== 201) throw new Error(`creating a fixture item answered ${res.status}: ${await res.text()}`);
      itemIds.push((await res.json()).id);
    }
    return { t, baseUrl: t.baseUrl, tenant, token, itemIds, poolMax, close: () => t.close() };
  } catch (err) {
    await t.close();
    throw err;
  }
}

/** GETs `path` on the platform and fails unless it answers 200; a case uses it to copy a real body for its baseline. */
export async function fetchOk(env, path) {
  const res = await env.t.request('GET', path, { token: env.token });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
