import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Users, their memberships of partner organisations (each with a function), the tenant's
 * adjustments of default grants, service accounts of partner systems, and the keys the API signs
 * service-account tokens with.
 *
 * Memberships and service accounts reference organisations with (tenant_id, id), so a row can
 * never point into another tenant. Functions are checked against the catalogue in code (it is
 * data that grows), here only for their shape.
 */
export class CoreIdentity1764400004000 {
  name = 'CoreIdentity1764400004000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        subject text CHECK (length(subject) BETWEEN 1 AND 255),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        CONSTRAINT users_tenant_subject UNIQUE (tenant_id, subject)
      )`);
    await q.query('CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, lower(email))');
    await enableTenantIsolation(q, 'users');

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        user_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        function text NOT NULL CHECK (function ~ '^[a-z][a-z-]{0,63}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id),
        CONSTRAINT memberships_one_per_organisation UNIQUE (tenant_id, user_id, organisation_id)
      )`);
    await q.query('CREATE INDEX memberships_tenant_organisation ON memberships (tenant_id, organisation_id)');
    await enableTenantIsolation(q, 'memberships');

    await q.query(`
      CREATE TABLE function_grants (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        function text NOT NULL CHECK (function ~ '^[a-z][a-z-]{0,63}$'),
        permission text NOT NULL CHECK (length(permission) BETWEEN 1 AND 200),
        granted boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, function, permission)
      )`);
    await enableTenantIsolation(q, 'function_grants');

    await q.query(`
      CREATE TABLE service_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        organisation_id uuid NOT NULL,
        function text NOT NULL CHECK (function ~ '^[a-z][a-z-]{0,63}$'),
        secret_hash text NOT NULL,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE UNIQUE INDEX service_accounts_tenant_name ON service_accounts (tenant_id, lower(name))');
    await q.query('CREATE INDEX service_accounts_tenant_organisation ON service_accounts (tenant_id, organisation_id)');
    await enableTenantIsolation(q, 'service_accounts');

    // Platform-wide like auth_signing_keys, but the application role may read the private keys:
    // it signs service-account tokens itself (ADR 0005).
    await q.query(`
      CREATE TABLE service_token_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE service_token_keys');
    await q.query('DROP TABLE service_accounts');
    await q.query('DROP TABLE function_grants');
    await q.query('DROP TABLE memberships');
    await q.query('DROP TABLE users');
  }
}
