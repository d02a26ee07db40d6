import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/** Tenants (judicial districts), the modules each enabled, and the built-in issuer's keys. */
export class CoreTenancy1764400000000 {
  name = 'CoreTenancy1764400000000';

  async up(q: MigrationQueryRunner): Promise<void> {
    // The tenant registry has no tenant_id: it is the list of districts itself, readable by the
    // application role only to resolve a token's issuer; written by operators through the CLI.
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        oidc_issuer text UNIQUE,
        oidc_audience text,
        oidc_algorithms text[] NOT NULL DEFAULT '{RS256}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE tenant_modules (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        module_id text NOT NULL,
        enabled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, module_id)
      )`);
    await enableTenantIsolation(q, 'tenant_modules');
    await q.query(`
      CREATE TABLE auth_signing_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE auth_signing_keys');
    await q.query('DROP TABLE tenant_modules');
    await q.query('DROP TABLE tenants');
  }
}
