-- Roles and grants of Ketenhuis: the SQL that `ketenhuis migrate` runs
-- (packages/core/src/kernel/db/roles.ts: ensureRoles, then applyGrants after the migrations).
--
-- For DBAs who create the roles themselves or want to review them. `ketenhuis migrate` issues
-- the same statements on every run, so its DATABASE_URL user still needs the rights they take
-- (create and alter roles, revoke PUBLIC's rights on the database and on schema public; on
-- PostgreSQL 15 only a superuser may name NOSUPERUSER or NOBYPASSRLS in ALTER ROLE).
--
-- Run with psql, connected as that administrative user to the Ketenhuis database:
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 \
--        -v owner_role=ketenhuis_owner -v app_role=ketenhuis_app \
--        [-v app_password=...] -f infra/postgres/roles.sql
--
-- owner_role and app_role default to the platform's defaults (DATABASE_OWNER_ROLE and
-- DATABASE_APP_ROLE). Part 2 applies only once the migrations have created the tables; it is
-- safe to run again at any time and resets the application role's grants.

\if :{?owner_role}
\else
  \set owner_role ketenhuis_owner
\endif
\if :{?app_role}
\else
  \set app_role ketenhuis_app
\endif

-- Part 1: roles, database and schema ----------------------------------------------------------

-- The owner owns every table and runs the migrations; nobody logs in as it.
SELECT format('CREATE ROLE %I NOLOGIN', :'owner_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner_role') \gexec

-- The application role logs in (API, worker), owns nothing, and can neither bypass row-level
-- security nor create objects or roles.
SELECT format('CREATE ROLE %I LOGIN', :'app_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec
ALTER ROLE :"app_role" NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT LOGIN;

-- Only when a password is given (DATABASE_APP_PASSWORD); an empty one counts as none.
\if :{?app_password}
  SELECT :'app_password' <> '' AS ketenhuis_set_password \gset
\else
  \set ketenhuis_set_password false
\endif
\if :ketenhuis_set_password
ALTER ROLE :"app_role" PASSWORD :'app_password';
\endif

-- The migrating user must be able to act as the owner (migrations run with role = owner).
-- ketenhuis migrate ignores a failure here, for a user that is already set up otherwise.
SELECT format('GRANT %I TO %I', :'owner_role', current_user)
 WHERE current_user <> :'owner_role' \gexec

REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO :"owner_role", :"app_role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"owner_role";
GRANT USAGE ON SCHEMA public TO :"app_role";

-- Part 2: grants of the application role, as the owner, after the migrations -----------------

SELECT to_regclass('public.ketenhuis_migrations') IS NOT NULL AS ketenhuis_migrated \gset
\if :ketenhuis_migrated
SET ROLE :"owner_role";

-- Read and write everywhere; row-level security confines it to the tenant of the transaction.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";

-- Exceptions (packages/core/src/kernel/db/migrations/index.ts: corePrivilegeExceptions).
-- The district registry: read-only; operators write it through the CLI.
REVOKE ALL ON tenants FROM :"app_role";
GRANT SELECT ON tenants TO :"app_role";
-- Token verification keys: public columns only; the private keys stay with the owner.
REVOKE ALL ON auth_signing_keys FROM :"app_role";
GRANT SELECT (kid, alg, public_jwk, retired_at) ON auth_signing_keys TO :"app_role";
-- The migrations table: nothing at all.
REVOKE ALL ON ketenhuis_migrations FROM :"app_role";
-- Delivery records of the outbox: only ever added.
REVOKE ALL ON outbox_deliveries FROM :"app_role";
GRANT SELECT, INSERT ON outbox_deliveries TO :"app_role";

-- An exception without INSERT also loses the sequences of its own serial and identity columns,
-- which the blanket sequence grant above reached (today: ketenhuis_migrations_id_seq).
SELECT format('REVOKE ALL ON SEQUENCE %I.%I FROM %I', n.nspname, s.relname, :'app_role')
  FROM unnest(ARRAY['tenants', 'auth_signing_keys', 'ketenhuis_migrations']) AS t(name)
  JOIN pg_depend d ON d.refobjid = format('%I', t.name)::regclass AND d.deptype IN ('a', 'i')
  JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  JOIN pg_namespace n ON n.oid = s.relnamespace \gexec

RESET ROLE;
\else
\echo 'Part 2 skipped: the database is not migrated yet (ketenhuis migrate applies the grants).'
\endif
