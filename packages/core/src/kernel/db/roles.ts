import type { DataSource } from 'typeorm';
import { rows } from './rows';

interface RoleAttributes {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreatedb: boolean;
  rolcreaterole: boolean;
  rolinherit: boolean;
  rolcanlogin: boolean;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the two roles of architecture §3 if missing. The owner owns every table and runs
 * migrations; it never logs in. The application role logs in, owns nothing and can neither
 * bypass RLS nor create objects.
 */
export async function ensureRoles(admin: DataSource, ownerRole: string, appRole: string, appPassword?: string): Promise<void> {
  const existing: RoleAttributes[] = await admin.query(
    `SELECT rolname, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolinherit, rolcanlogin FROM pg_roles WHERE rolname = ANY($1)`,
    [[ownerRole, appRole]]);
  const byName = new Map(existing.map((r) => [r.rolname, r]));
  if (!byName.has(ownerRole)) await admin.query(`CREATE ROLE ${ident(ownerRole)} NOLOGIN`);
  const app = byName.get(appRole);
  if (!app) await admin.query(`CREATE ROLE ${ident(appRole)} LOGIN NOINHERIT`);
  else if (app.rolsuper || app.rolbypassrls || app.rolcreatedb || app.rolcreaterole || app.rolinherit || !app.rolcanlogin) {
    // Only touched when wrong: changing SUPERUSER/BYPASSRLS needs a superuser, which managed
    // PostgreSQL services do not hand out, and a correct role needs no change.
    await admin.query(`ALTER ROLE ${ident(appRole)} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT LOGIN`).catch((err: Error) => {
      throw new Error(`The application role "${appRole}" has privileges it must not have (superuser, BYPASSRLS, CREATEDB, CREATEROLE or INHERIT) and this connection cannot remove them: ${err.message}. Fix the role as a superuser, or choose another DATABASE_APP_ROLE.`);
    });
  }
  if (appPassword !== undefined) {
    // Passwords cannot be bind parameters in ALTER ROLE; quote as a literal.
    await admin.query(`ALTER ROLE ${ident(appRole)} PASSWORD '${appPassword.replace(/'/g, "''")}'`);
  }
  const [{ current_user: me }] = await rows<{ current_user: string }>(admin, 'SELECT current_user');
  if (me !== ownerRole) await admin.query(`GRANT ${ident(ownerRole)} TO ${ident(me)}`).catch(() => undefined);
  const [{ db }] = await rows<{ db: string }>(admin, 'SELECT current_database() AS db');
  await admin.query(`REVOKE ALL ON DATABASE ${ident(db)} FROM PUBLIC`);
  await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(db)} TO ${ident(ownerRole)}, ${ident(appRole)}`);
  await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  await admin.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${ident(ownerRole)}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${ident(appRole)}`);
  // Fuzzy name search (trigrams). Created here, by the administrative connection: the owner role
  // has no CREATE on the database. pg_trgm is a trusted extension, so no superuser is needed.
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
}

/** A table's grants for the application role that differ from plain read/write. */
export interface TablePrivileges {
  table: string;
  /** e.g. ['SELECT'] for a read-only registry; [] for none at all. */
  privileges: string[];
  /** Column-level SELECT instead of table-level (keeps secrets out of the app role's reach). */
  selectColumns?: string[];
  /** Column-level INSERT: columns left out keep their defaults (e.g. a timestamp the app must not choose). */
  insertColumns?: string[];
  /** Column-level UPDATE: the only columns the app role may ever change. */
  updateColumns?: string[];
}

/**
 * Least privilege, recomputed on every migrate so it never drifts: read/write on tenant tables
 * (RLS does the rest), then the exceptions. Run as the owner.
 */
export async function applyGrants(owner: DataSource, appRole: string, exceptions: TablePrivileges[]): Promise<void> {
  const app = ident(appRole);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  for (const e of exceptions) {
    await owner.query(`REVOKE ALL ON ${ident(e.table)} FROM ${app}`);
    if (e.privileges.length) await owner.query(`GRANT ${e.privileges.join(', ')} ON ${ident(e.table)} TO ${app}`);
    for (const [privilege, columns] of [['SELECT', e.selectColumns], ['INSERT', e.insertColumns], ['UPDATE', e.updateColumns]] as const) {
      if (columns?.length) await owner.query(`GRANT ${privilege} (${columns.map(ident).join(', ')}) ON ${ident(e.table)} TO ${app}`);
    }
    // The blanket sequence grant above also reached this table's own sequences (serial and
    // identity columns); they are only of use to a role that inserts.
    if (!e.privileges.includes('INSERT') && !e.insertColumns?.length) {
      const sequences: { name: string }[] = await owner.query(
        `SELECT format('%I.%I', n.nspname, s.relname) AS name FROM pg_depend d
         JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace n ON n.oid = s.relnamespace
         WHERE d.refobjid = $1::regclass AND d.deptype IN ('a', 'i')`, [ident(e.table)]);
      for (const seq of sequences) await owner.query(`REVOKE ALL ON SEQUENCE ${seq.name} FROM ${app}`);
    }
  }
}
