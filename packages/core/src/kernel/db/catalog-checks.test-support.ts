import type { Client } from 'pg';

export interface CatalogCheckOptions {
  appRole: string;
  ownerRole: string;
  /**
   * Tables without tenant_id that the application role may still touch: registries that are
   * the same for every tenant (the district list, the token verification keys). Anything else
   * without tenant_id that the role can reach is a table that forgot its tenant.
   */
  platformTables: string[];
}

type Row = Record<string, unknown>;

/** Schemas the platform's objects live in: everything but Postgres' own. */
const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

/** Every role the application role can act as: itself and, transitively, the roles it belongs to. */
const APP_ROLES = `
  WITH RECURSIVE reach(oid) AS (
    SELECT oid FROM pg_roles WHERE rolname = $1
    UNION
    SELECT m.roleid FROM pg_auth_members m JOIN reach ON m.member = reach.oid
  )`;

async function rows(client: Client, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await client.query(sql, params)).rows;
}

/** Row-level security of every table that holds tenant rows (architecture §3). */
async function tenantTables(client: Client): Promise<string[]> {
  const tables = await rows(client, `
    SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
           a.attnotnull AS not_null,
           EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum) AS indexed
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS}`);
  const policies = await rows(client, `
    SELECT p.polrelid AS oid, p.polname AS name, p.polcmd AS cmd,
           pg_get_expr(p.polqual, p.polrelid) AS using_expr, pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
    FROM pg_policy p`);
  const out: string[] = [];
  for (const t of tables) {
    const at = `table ${t.name}`;
    if (!t.rls) out.push(`${at}: row-level security is not enabled`);
    if (!t.forced) out.push(`${at}: row-level security is not forced`);
    if (!t.not_null) out.push(`${at}: tenant_id is nullable`);
    if (!t.indexed) out.push(`${at}: no index starts with tenant_id`);
    const own = policies.filter((p) => p.oid === t.oid);
    if (!own.length) out.push(`${at}: has no policy`);
    for (const p of own) {
      // Postgres allows USING only for ALL/SELECT/UPDATE/DELETE and WITH CHECK only for ALL/INSERT/UPDATE.
      const needsUsing = p.cmd !== 'a';
      const needsCheck = ['*', 'a', 'w'].includes(p.cmd as string);
      if (needsUsing && !p.using_expr) out.push(`${at}: policy ${p.name} has no USING clause`);
      if (needsCheck && !p.check_expr) out.push(`${at}: policy ${p.name} has no WITH CHECK clause`);
      for (const [clause, expr] of [['USING', p.using_expr], ['WITH CHECK', p.check_expr]] as const) {
        if (expr && !(/\btenant_id\b/.test(expr as string) && (expr as string).includes(`'app.tenant_id'`))) {
          out.push(`${at}: policy ${p.name} ${clause} does not compare tenant_id with app.tenant_id`);
        }
      }
    }
  }
  return out;
}

/** A table without tenant_id that the application role can reach is shared by every tenant. */
async function untenantedTables(client: Client, { appRole, platformTables }: CatalogCheckOptions): Promise<string[]> {
  const found = await rows(client, `
    SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relname AS relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f') AND ${USER_SCHEMAS}
      AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
      AND (has_table_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
           OR has_any_column_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))`, [appRole]);
  return found
    .filter((t) => !(t.name === `public.${t.relname}` && platformTables.includes(t.relname as string)))
    .map((t) => `table ${t.name}: has no tenant_id column, yet the application role can access it`);
}

/** Views run with their owner's rights unless security_invoker is set, which skips RLS for the caller. */
async function views(client: Client): Promise<string[]> {
  const found = await rows(client, `
    SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind AS kind, c.reloptions AS options
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${USER_SCHEMAS}`);
  const out: string[] = [];
  for (const v of found) {
    if (v.kind === 'm') {
      out.push(`materialized view ${v.name}: row-level security cannot protect a materialized view`);
      continue;
    }
    const options = (v.options as string[] | null) ?? [];
    if (!options.some((o) => /^security_invoker=(true|on|yes|1)$/i.test(o))) out.push(`view ${v.name}: is not security_invoker`);
  }
  return out;
}

/** The application role owns nothing, is no superuser, and cannot reach a role that could do more. */
async function appRole(client: Client, { appRole, ownerRole }: CatalogCheckOptions): Promise<string[]> {
  const out: string[] = [];
  const roles = await rows(client, `${APP_ROLES}
    SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole
    FROM reach JOIN pg_roles r USING (oid)`, [appRole]);
  if (!roles.some((r) => r.rolname === appRole)) return [`role ${appRole}: does not exist`];
  for (const r of roles) {
    const who = r.rolname === appRole ? `role ${appRole}` : `role ${appRole}: member of ${r.rolname}, which`;
    if (r.rolname !== appRole && r.rolname === ownerRole) out.push(`role ${appRole}: is a member of the owner role ${ownerRole}`);
    for (const [attribute, label] of [['rolsuper', 'SUPERUSER'], ['rolbypassrls', 'BYPASSRLS'], ['rolcreatedb', 'CREATEDB'], ['rolcreaterole', 'CREATEROLE']]) {
      if (r[attribute]) out.push(`${who} has ${label}`);
    }
  }

  const owned = await rows(client, `${APP_ROLES}
    SELECT o.kind, o.name, r.rolname AS owner_name FROM (
      SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' ELSE 'table' END AS kind,
             format('%I.%I', n.nspname, c.relname) AS name, c.relowner AS owner
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
      UNION ALL
      SELECT 'function', format('%I.%s', n.nspname, p.oid::regprocedure::text), p.proowner
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      UNION ALL
      SELECT 'schema', quote_ident(nspname), nspowner FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
      UNION ALL
      SELECT 'database', quote_ident(datname), datdba FROM pg_database WHERE datname = current_database()
    ) o JOIN reach ON reach.oid = o.owner JOIN pg_roles r ON r.oid = o.owner
    ORDER BY kind, name`, [appRole]);
  for (const o of owned.filter((x) => x.owner_name === appRole)) out.push(`role ${appRole}: owns ${o.kind} ${o.name}`);
  // Through a membership one line per owning role says enough (the owner role owns everything).
  for (const owner of new Set(owned.map((x) => x.owner_name).filter((n) => n !== appRole))) {
    out.push(`role ${appRole}: member of ${owner}, which owns objects in this database`);
  }

  const [db] = await rows(client, `SELECT has_database_privilege($1, current_database(), 'CREATE') AS create_schema`, [appRole]);
  if (db.create_schema) out.push(`role ${appRole}: can CREATE schemas in the database`);
  const schemas = await rows(client, `
    SELECT quote_ident(n.nspname) AS name FROM pg_namespace n
    WHERE ${USER_SCHEMAS} AND has_schema_privilege($1, n.oid, 'CREATE') ORDER BY 1`, [appRole]);
  for (const s of schemas) out.push(`role ${appRole}: can CREATE in schema ${s.name}`);

  // SECURITY DEFINER code runs as its owner: owned by a role that skips RLS it would leak rows.
  const definers = await rows(client, `
    SELECT format('%I.%s', n.nspname, p.oid::regprocedure::text) AS name, r.rolname AS owner
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
    WHERE p.prosecdef AND ${USER_SCHEMAS} AND (r.rolsuper OR r.rolbypassrls) AND has_function_privilege($1, p.oid, 'EXECUTE')`, [appRole]);
  for (const f of definers) out.push(`function ${f.name}: SECURITY DEFINER owned by ${f.owner}, which bypasses row-level security, and executable by ${appRole}`);
  return out;
}

/** FORCE RLS binds the owner only if the owner cannot bypass RLS in the first place. */
async function ownerRole(client: Client, { ownerRole }: CatalogCheckOptions): Promise<string[]> {
  const [r] = await rows(client, 'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [ownerRole]);
  if (!r) return [`role ${ownerRole}: does not exist`];
  return [
    ...(r.rolsuper ? [`role ${ownerRole}: the owner role is SUPERUSER`] : []),
    ...(r.rolbypassrls ? [`role ${ownerRole}: the owner role has BYPASSRLS`] : []),
  ];
}

/**
 * Reads the catalog of the database `client` is connected to and lists every way a tenant
 * could see or write another tenant's rows, or the application role could widen its own
 * rights. Tables are discovered from pg_catalog, so module tables are covered without a list.
 * Returns [] for a sound schema.
 */
export async function findCatalogViolations(client: Client, options: CatalogCheckOptions): Promise<string[]> {
  const found = [
    ...(await tenantTables(client)),
    ...(await untenantedTables(client, options)),
    ...(await views(client)),
    ...(await appRole(client, options)),
    ...(await ownerRole(client, options)),
  ];
  return found.sort();
}
