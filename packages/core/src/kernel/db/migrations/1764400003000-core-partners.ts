import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

// Kept in step with the validation in packages/core/src/partners: the database is the last line,
// the API names the field first.
const MODULE_ID = `'^[a-z][a-z0-9-]{0,19}$'`;
const KEBAB = `'^[a-z][a-z0-9-]{0,62}$'`;

/**
 * Partner organisations of a district (parket, police zones, justitiehuis, care partners, ...)
 * and the 458ter protocols (legal bases of case consultations) they take part in.
 */
export class CorePartners1764400003000 {
  name = 'CorePartners1764400003000';

  async up(q: MigrationQueryRunner): Promise<void> {
    // A CHECK cannot hold a subquery, so the element check of text[] columns is a function.
    await q.query(`
      CREATE FUNCTION ketenhuis_module_ids_valid(ids text[]) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(bool_and(id IS NOT NULL AND id ~ ${MODULE_ID}), true) FROM unnest(ids) AS id $$`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        type text NOT NULL CHECK (type ~ ${KEBAB}),
        -- The 10 plain digits; shown as 0123.456.749.
        kbo text CHECK (kbo ~ '^[01][0-9]{9}$'),
        -- Police zones: the 4-digit code on every PV. A merged zone keeps its code (old PVs carry
        -- it) and points to its successor.
        police_zone_code text CHECK (police_zone_code ~ '^[0-9]{4}$'),
        professional_secrecy boolean NOT NULL DEFAULT false,
        chains text[] NOT NULL DEFAULT '{}' CHECK (ketenhuis_module_ids_valid(chains)),
        merged_into_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, merged_into_id) REFERENCES organisations (tenant_id, id),
        CHECK (merged_into_id IS DISTINCT FROM id)
      )`);
    await q.query('CREATE INDEX organisations_tenant_name ON organisations (tenant_id, name, id)');
    await q.query('CREATE UNIQUE INDEX organisations_tenant_kbo ON organisations (tenant_id, kbo) WHERE kbo IS NOT NULL');
    await q.query('CREATE UNIQUE INDEX organisations_tenant_police_zone ON organisations (tenant_id, police_zone_code) WHERE police_zone_code IS NOT NULL');
    await enableTenantIsolation(q, 'organisations');

    await q.query(`
      CREATE TABLE protocols (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        -- Art. 458ter: no case consultation without a recorded legal basis.
        legal_basis_type text NOT NULL CHECK (legal_basis_type IN ('wet-of-decreet', 'gemotiveerde-machtiging-procureur')),
        legal_basis_reference text NOT NULL CHECK (length(legal_basis_reference) BETWEEN 1 AND 500),
        purpose text NOT NULL CHECK (purpose ~ ${KEBAB}),
        purpose_description text NOT NULL CHECK (length(purpose_description) BETWEEN 1 AND 2000),
        chair_organisation_id uuid NOT NULL,
        frequency text NOT NULL CHECK (length(frequency) BETWEEN 1 AND 200),
        minutes boolean NOT NULL,
        retention_period text NOT NULL CHECK (retention_period ~ '^P'),
        valid_from date NOT NULL,
        valid_until date CHECK (valid_until >= valid_from),
        chains text[] NOT NULL DEFAULT '{}' CHECK (ketenhuis_module_ids_valid(chains)),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, chair_organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX protocols_tenant_created ON protocols (tenant_id, created_at, id)');
    await enableTenantIsolation(q, 'protocols');

    // Who may take part in the consultations of a protocol: an organisation and a function.
    await q.query(`
      CREATE TABLE protocol_participants (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        protocol_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        function text NOT NULL CHECK (function ~ ${KEBAB}),
        position smallint NOT NULL,
        PRIMARY KEY (tenant_id, protocol_id, organisation_id, function),
        FOREIGN KEY (tenant_id, protocol_id) REFERENCES protocols (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX protocol_participants_organisation ON protocol_participants (tenant_id, organisation_id)');
    await enableTenantIsolation(q, 'protocol_participants');

    // The signatories of the protocol (a framework agreement is signed by every partner).
    await q.query(`
      CREATE TABLE protocol_parties (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        protocol_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        signed_on date,
        position smallint NOT NULL,
        PRIMARY KEY (tenant_id, protocol_id, organisation_id),
        FOREIGN KEY (tenant_id, protocol_id) REFERENCES protocols (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX protocol_parties_organisation ON protocol_parties (tenant_id, organisation_id)');
    await enableTenantIsolation(q, 'protocol_parties');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE protocol_parties');
    await q.query('DROP TABLE protocol_participants');
    await q.query('DROP TABLE protocols');
    await q.query('DROP TABLE organisations');
    await q.query('DROP FUNCTION ketenhuis_module_ids_valid(text[])');
  }
}
