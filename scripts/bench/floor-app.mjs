import { requireFromCore } from './packages.mjs';
import { pipelineApp } from './baseline-app.mjs';

const { createDataSource } = requireFromCore('./kernel/db/data-source');
const { countStatements } = requireFromCore('./kernel/db/statement-counter');
const { TokenVerifier } = requireFromCore('./kernel/auth/token-verifier');
const { TenantRegistry } = requireFromCore('./kernel/tenancy/tenants');
const { inTenant } = requireFromCore('./kernel/tenancy/in-tenant');
const { authenticate, authOf } = requireFromCore('./kernel/http/authenticate');
const { notFound } = requireFromCore('./kernel/http/problem');

/**
 * The floor of a database-backed request: the baseline's pipeline plus the platform's own bearer
 * authentication (its TokenVerifier class: ES256 signature, key and tenant lookups with the same
 * caches), then one indexed SELECT in a tenant transaction as every unit of work opens it
 * (inTenant: BEGIN and set_config in one round trip, row-level security on), then the case's
 * static body. Not the platform: no validation, actor resolution, permission or module check,
 * audit record or real handler.
 *
 * It connects as the platform's application role to the platform's database, with a pool of the
 * platform's size but of its own, so the platform's statement count stays its own and the floor's
 * can be read too. `routes` are the baseline's, each with the case's `floor: { sql, params }`.
 */
export async function startFloorApp(platform, routes) {
  const { config } = platform;
  const db = createDataSource({ url: config.databaseAppUrl, poolMax: config.poolMax, applicationName: 'ketenhuis-bench-floor' });
  await db.initialize();
  const statements = countStatements(db);
  const verifier = new TokenVerifier(db, new TenantRegistry(db), { builtInIssuer: true });
  const app = pipelineApp(platform, {
    routes,
    authenticate: authenticate(verifier, platform.registry),
    handlerOf: (r) => floorHandler(db, r),
  });
  return { app, statements, close: () => db.destroy() };
}

/**
 * Answers only when the SELECT found something: a floor that silently read nothing (a wrong
 * parameter, the tenant not bound) would look fast for the wrong reason.
 */
function floorHandler(db, r) {
  return async (req, res) => {
    const auth = authOf(req);
    const found = await inTenant(db, auth.tenantId, (m) => m.query(r.floor.sql, r.floor.params(req, auth)));
    if (!found.length) throw notFound();
    res.status(r.status ?? 200).json(r.body);
  };
}
