import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

/**
 * Persons of a district's case registry. The national number is stored only encrypted
 * (AES-256-GCM, tenant-bound) next to a keyed hash that finds it; names are searchable by trigram.
 */
export class CorePersons1764400006000 {
  name = 'CorePersons1764400006000';

  async up(q: MigrationQueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE persons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
        birth_date date,
        sex text CHECK (sex IN ('M', 'F', 'X')),
        national_number_ciphertext text,
        national_number_index text,
        national_number_kind text CHECK (national_number_kind IN ('rrn', 'bis')),
        search_name text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, national_number_index),
        CHECK ((national_number_ciphertext IS NULL) = (national_number_index IS NULL))
      )`);
    await q.query('CREATE INDEX persons_search_name ON persons USING gin (search_name gin_trgm_ops)');
    await q.query('CREATE INDEX persons_tenant_name ON persons (tenant_id, last_name, first_name)');
    await enableTenantIsolation(q, 'persons');
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    await q.query('DROP TABLE persons');
  }
}
