import { enableTenantIsolation, type MigrationQueryRunner } from '@ketenhuis/sdk';

// Kept in step with the validation in packages/core/src/cases and the OpenAPI document.
const MODULE_ID = `'^[a-z][a-z0-9-]{0,19}$'`;
const KEBAB = `'^[a-z][a-z0-9-]{0,62}$'`;

/**
 * The case registry: cases of the chains, their references (their own, gap-free per chain and
 * year, and the parket's and police's), subjects, participating organisations, links between
 * cases, notes and an append-only timeline.
 *
 * Everything inside a case points to the case, persons and organisations with (tenant_id, id),
 * so no row can ever reach into another tenant.
 */
export class CoreCases1764400007000 {
  name = 'CoreCases1764400007000';

  async up(q: MigrationQueryRunner): Promise<void> {
    // One row per tenant, chain and year, updated in the registering transaction: the row lock
    // orders registrations, and a rollback gives its number back, so numbers have no gaps.
    await q.query(`
      CREATE TABLE case_reference_counters (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        chain text NOT NULL CHECK (chain ~ ${MODULE_ID}),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last_number integer NOT NULL CHECK (last_number >= 1),
        PRIMARY KEY (tenant_id, chain, year)
      )`);
    await enableTenantIsolation(q, 'case_reference_counters');

    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        chain text NOT NULL CHECK (chain ~ ${MODULE_ID}),
        case_type text NOT NULL CHECK (case_type ~ '^[a-z][a-z0-9-]*$' AND length(case_type) <= 100),
        state text NOT NULL CHECK (length(state) BETWEEN 1 AND 100),
        confidentiality text NOT NULL DEFAULT 'normaal' CHECK (confidentiality IN ('normaal', 'vertrouwelijk', 'strikt-vertrouwelijk')),
        reference_year integer NOT NULL,
        reference_number integer NOT NULL CHECK (reference_number >= 1),
        reference text NOT NULL CHECK (reference ~ '^[A-Z][A-Z0-9-]*-[0-9]{4}-[0-9]{6,}$'),
        reference_key text GENERATED ALWAYS AS (replace(reference, '-', '')) STORED,
        registered_by_subject text NOT NULL CHECK (length(registered_by_subject) BETWEEN 1 AND 255),
        registered_by_organisation_id uuid,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        UNIQUE (tenant_id, id),
        CONSTRAINT cases_tenant_reference UNIQUE (tenant_id, reference),
        CONSTRAINT cases_tenant_chain_number UNIQUE (tenant_id, chain, reference_year, reference_number),
        FOREIGN KEY (tenant_id, chain, reference_year) REFERENCES case_reference_counters (tenant_id, chain, year),
        FOREIGN KEY (tenant_id, registered_by_organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX cases_tenant_registered ON cases (tenant_id, registered_at, id)');
    await q.query('CREATE INDEX cases_tenant_reference_key ON cases (tenant_id, reference_key)');
    await enableTenantIsolation(q, 'cases');

    // PV numbers (with the police zone code) and notitienummers: kept as typed, found by key.
    await q.query(`
      CREATE TABLE case_external_references (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('notitienummer', 'pv')),
        value text NOT NULL CHECK (length(value) BETWEEN 1 AND 64),
        search_key text NOT NULL CHECK (length(search_key) BETWEEN 1 AND 64),
        police_zone_code text CHECK (police_zone_code ~ '^[0-9]{4}$'),
        added_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'pv') = (police_zone_code IS NOT NULL)),
        CONSTRAINT case_external_references_unique UNIQUE (tenant_id, case_id, kind, search_key),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
      )`);
    // One notitienummer per case; it may gather many PVs.
    await q.query(`CREATE UNIQUE INDEX case_external_references_one_notitienummer ON case_external_references (tenant_id, case_id) WHERE kind = 'notitienummer'`);
    await q.query('CREATE INDEX case_external_references_key ON case_external_references (tenant_id, search_key)');
    await enableTenantIsolation(q, 'case_external_references');

    await q.query(`
      CREATE TABLE case_subjects (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        person_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('verdachte', 'slachtoffer', 'minderjarige', 'ouder-voogd', 'getuige', 'betrokkene')),
        added_by_subject text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, case_id, person_id, role),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
      )`);
    await q.query('CREATE INDEX case_subjects_person ON case_subjects (tenant_id, person_id)');
    await enableTenantIsolation(q, 'case_subjects');

    // Taking part in a case is what lets an organisation see it (architecture §3).
    await q.query(`
      CREATE TABLE case_participants (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        function text NOT NULL CHECK (function ~ '^[a-z][a-z-]{0,63}$'),
        role text NOT NULL CHECK (role ~ ${KEBAB}),
        added_by_subject text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, case_id, organisation_id, function, role),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
        FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX case_participants_organisation ON case_participants (tenant_id, organisation_id, case_id)');
    await enableTenantIsolation(q, 'case_participants');

    // Symmetric: one row per pair, the smaller id first, so A–B and B–A cannot both exist.
    await q.query(`
      CREATE TABLE case_links (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        other_case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('samengevoegd', 'zelfde-gezin', 'gerelateerd')),
        created_by_subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, case_id, other_case_id, kind),
        CHECK (case_id < other_case_id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
        FOREIGN KEY (tenant_id, other_case_id) REFERENCES cases (tenant_id, id)
      )`);
    await q.query('CREATE INDEX case_links_other ON case_links (tenant_id, other_case_id)');
    await enableTenantIsolation(q, 'case_links');

    await q.query(`
      CREATE TABLE case_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
        author_subject text NOT NULL,
        author_organisation_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
        FOREIGN KEY (tenant_id, author_organisation_id) REFERENCES organisations (tenant_id, id)
      )`);
    await q.query('CREATE INDEX case_notes_case ON case_notes (tenant_id, case_id, created_at)');
    await enableTenantIsolation(q, 'case_notes');

    // What happened to a case, in order. Entries hold codes and ids, never free text (a note's
    // text stays in case_notes); the database sets `at`, so nobody back-dates an entry.
    await q.query(`
      CREATE TABLE case_timeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        case_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL CHECK (kind ~ ${KEBAB}),
        actor_subject text NOT NULL CHECK (length(actor_subject) BETWEEN 1 AND 255),
        actor_organisation_id uuid,
        data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
        FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id)
      )`);
    await q.query('CREATE INDEX case_timeline_case ON case_timeline (tenant_id, case_id, at, id)');
    await enableTenantIsolation(q, 'case_timeline');

    // The grants keep the application role to INSERT and SELECT; the trigger holds for every
    // role, so rewriting a case's history takes a deliberate act of the owner.
    await q.query(`
      CREATE FUNCTION case_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_timeline is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER case_timeline_append_only BEFORE UPDATE OR DELETE ON case_timeline
      FOR EACH ROW EXECUTE FUNCTION case_timeline_append_only()`);
    await q.query(`
      CREATE TRIGGER case_timeline_no_truncate BEFORE TRUNCATE ON case_timeline
      FOR EACH STATEMENT EXECUTE FUNCTION case_timeline_append_only()`);
  }

  async down(q: MigrationQueryRunner): Promise<void> {
    for (const table of ['case_timeline', 'case_notes', 'case_links', 'case_participants', 'case_subjects', 'case_external_references', 'cases', 'case_reference_counters']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP FUNCTION case_timeline_append_only()');
  }
}
