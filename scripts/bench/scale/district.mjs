// What the scale bench finds in a database seeded with `ketenhuis seed scale`: the roles, the
// district, its callers, its big case, national numbers that are there and some that are not.
// Read as the superuser of BENCH_SCALE_DATABASE_URL, which row-level security does not confine.

const ident = (name) => `"${name.replace(/"/g, '""')}"`;

/** The owner of the tables and the application role (the login role that may read them and is neither). */
export async function rolesOf(admin, env) {
  const [{ owner }] = (await admin.query(`SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'cases'`)).rows;
  const app = env.DATABASE_APP_ROLE || (await admin.query(
    `SELECT r.rolname FROM pg_roles r
     WHERE r.rolcanlogin AND NOT r.rolsuper AND NOT r.rolbypassrls AND r.rolname <> $1 AND has_table_privilege(r.oid, 'public.cases', 'SELECT')
     ORDER BY r.rolname`, [owner])).rows.map((r) => r.rolname)[0];
  if (!app) throw new Error('no application role may read cases in this database; was it migrated with `ketenhuis migrate`?');
  return { owner: env.DATABASE_OWNER_ROLE || owner, app };
}

/**
 * A role that reads what the application role reads but bypasses row-level security: the other
 * half of the RLS comparison. Created once (it needs a superuser) and kept.
 */
export async function ensureBypassRole(admin, appRole) {
  const role = `${appRole}_bypassrls`.slice(0, 63);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!rowCount) await admin.query(`CREATE ROLE ${ident(role)} LOGIN BYPASSRLS NOINHERIT`);
  const [{ db }] = (await admin.query('SELECT current_database() AS db')).rows;
  await admin.query(`GRANT CONNECT ON DATABASE ${ident(db)} TO ${ident(role)}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${ident(role)}`);
  await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ident(role)}`);
  return role;
}

/** The district with the most cases (or BENCH_SCALE_TENANT) and what the bench needs of it. */
export async function districtOf(admin, slug) {
  const tenants = (await admin.query(
    `SELECT t.id, t.slug, (SELECT count(*)::int FROM cases c WHERE c.tenant_id = t.id) AS cases FROM tenants t ORDER BY cases DESC, t.slug`)).rows;
  const tenant = slug ? tenants.find((t) => t.slug === slug) : tenants[0];
  if (!tenant || !tenant.cases) throw new Error(slug ? `no tenant "${slug}" with cases in this database` : 'no tenant with cases in this database');
  const q = async (sql, params = []) => (await admin.query(sql, [tenant.id, ...params])).rows;

  const userOf = async (subject) => {
    const [u] = await q(`SELECT u.subject, o.id AS organisation_id, o.name, o.type FROM users u
      JOIN memberships m ON m.tenant_id = u.tenant_id AND m.user_id = u.id JOIN organisations o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE u.tenant_id = $1 AND u.subject = $2`, [subject]);
    if (!u) throw new Error(`tenant ${tenant.slug} has no user ${subject}; seed it with \`ketenhuis seed scale\``);
    return u;
  };
  // Police zones by how many cases they take part in, each with a user acting for it.
  const zones = await q(`SELECT o.id AS organisation_id, o.name, o.police_zone_code AS code, min(u.subject) AS subject,
      (SELECT count(*)::int FROM case_participants p WHERE p.tenant_id = o.tenant_id AND p.organisation_id = o.id) AS cases
    FROM organisations o JOIN memberships m ON m.tenant_id = o.tenant_id AND m.organisation_id = o.id
    JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id AND u.subject IS NOT NULL
    WHERE o.tenant_id = $1 AND o.type = 'politiezone' AND m.function = 'politie-inspecteur' GROUP BY o.id ORDER BY cases`);
  if (zones.length < 2) throw new Error(`tenant ${tenant.slug} has fewer than two police zones with a user; seed it with \`ketenhuis seed scale\``);
  const [big] = await q(`SELECT n.case_id AS id, c.reference, (SELECT count(*)::int FROM case_timeline t WHERE t.tenant_id = $1 AND t.case_id = n.case_id) AS entries
    FROM (SELECT case_id, count(*) AS notes FROM case_notes WHERE tenant_id = $1 GROUP BY case_id ORDER BY notes DESC LIMIT 1) n
    JOIN cases c ON c.tenant_id = $1 AND c.id = n.case_id`);
  if (!big || big.entries < 1000) throw new Error(`tenant ${tenant.slug} has no case with 1,000 timeline entries; seed it with \`ketenhuis seed scale\``);
  const sampleCases = (await q(`SELECT id FROM cases TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE tenant_id = $1 AND confidentiality = 'normaal' LIMIT 200`)).map((r) => r.id);
  // A cursor half a year back: a page deep in the parket's list.
  const [half] = await q(`SELECT registered_at::text AS at_key, id FROM cases WHERE tenant_id = $1 AND chain = 'm' AND registered_at < now() - interval '182 days'
    ORDER BY registered_at DESC, id DESC LIMIT 1`);
  const persons = (await q(`SELECT national_number_ciphertext AS c FROM persons TABLESAMPLE SYSTEM (1) REPEATABLE (7)
    WHERE tenant_id = $1 AND national_number_ciphertext IS NOT NULL LIMIT 200`)).map((r) => r.c);
  const [{ size, bytes }] = (await admin.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS size, pg_database_size(current_database()) AS bytes')).rows;
  const large = new Set((await admin.query(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples > 10000`)).rows.map((r) => r.relname));
  return {
    tenant, big, sampleCases, half, persons, large, database: { size, bytes: Number(bytes) },
    callers: {
      parket: await userOf('demo-magistraat'),
      busiestZone: { ...zones[zones.length - 1], type: 'politiezone' },
      handfulZone: { ...zones[0], type: 'politiezone' },
      justitiehuis: await userOf('demo-justitieassistent'),
    },
    allTenants: tenants,
  };
}

/** National numbers that are not in the district: valid ones whose keyed hash no person has. */
export async function missingNumbers(admin, tenantId, cipher, testing, count) {
  const rng = testing.mulberry32(4242);
  const out = [];
  while (out.length < count) {
    const batch = Array.from({ length: count }, () => testing.syntheticNationalNumber(rng));
    const indexes = batch.map((d) => cipher.blindIndex(d, tenantId));
    const taken = new Set((await admin.query('SELECT national_number_index FROM persons WHERE tenant_id = $1 AND national_number_index = ANY ($2::text[])', [tenantId, indexes])).rows
      .map((r) => r.national_number_index));
    out.push(...batch.filter((_, i) => !taken.has(indexes[i])));
  }
  return out.slice(0, count);
}
