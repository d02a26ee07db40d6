import type { EntityManager } from 'typeorm';
import { badRequest } from '@ketenhuis/sdk';
import { OrganisationStore } from './organisation-store';
import { referencedOrganisations, type LegalBasisType, type ProtocolState } from './protocol-rules';
import { pgError } from '../../kernel/values/database-errors';
import { rows } from '../../kernel/db/rows';

export interface Protocol extends ProtocolState {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

interface ProtocolRow {
  id: string; title: string; legalBasisType: LegalBasisType; legalBasisReference: string; purpose: string; purposeDescription: string;
  chairOrganisationId: string; frequency: string; minutes: boolean; retentionPeriod: string; validFrom: string; validUntil: string | null;
  chains: string[]; createdAt: Date; updatedAt: Date;
}

// Dates as text: pg would turn a `date` into a Date at local midnight, shifting it across zones.
const COLUMNS = `id, title, legal_basis_type AS "legalBasisType", legal_basis_reference AS "legalBasisReference", purpose,
  purpose_description AS "purposeDescription", chair_organisation_id AS "chairOrganisationId", frequency, minutes,
  retention_period AS "retentionPeriod", valid_from::text AS "validFrom", valid_until::text AS "validUntil", chains,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * 458ter protocols of one tenant with their participants and parties, in the caller's
 * transaction. Every organisation they name must be one of the tenant's: the composite foreign
 * keys guarantee it, and `checkOrganisations` says which field is wrong before they have to.
 */
export class ProtocolStore {
  constructor(private readonly db: EntityManager, private readonly tenantId: string) {}

  async get(id: string): Promise<Protocol | undefined> {
    const rows: ProtocolRow[] = await this.db.query(`SELECT ${COLUMNS} FROM protocols WHERE id = $1`, [id]);
    return (await this.assemble(rows))[0];
  }

  async findByTitle(title: string): Promise<Protocol[]> {
    return this.assemble(await rows<ProtocolRow>(this.db, `SELECT ${COLUMNS} FROM protocols WHERE title = $1 ORDER BY id`, [title]));
  }

  /** A page in title order, optionally only the protocols covering a chain. */
  async page(opts: { chain?: string; after?: [string, string]; limit: number }): Promise<Protocol[]> {
    const rows: ProtocolRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM protocols
       WHERE ($1::text IS NULL OR $1 = ANY(chains)) AND ($2::text IS NULL OR (title, id) > ($2::text, $3::uuid))
       ORDER BY title, id LIMIT $4`,
      [opts.chain ?? null, opts.after?.[0] ?? null, opts.after?.[1] ?? null, opts.limit],
    );
    return this.assemble(rows);
  }

  /** 400 naming the first field whose organisation is not the tenant's (another tenant's looks missing). */
  async checkOrganisations(state: ProtocolState, prefix: string): Promise<void> {
    const refs = referencedOrganisations(state);
    const known = await new OrganisationStore(this.db, this.tenantId).existing([...new Set(refs.map((r) => r.id))]);
    const unknown = refs.find((r) => !known.has(r.id));
    if (unknown) throw badRequest(`${prefix}${unknown.field}`, 'is not an organisation of this district');
  }

  async insert(state: ProtocolState): Promise<Protocol> {
    const [{ id }] = await this.write(() => rows<{ id: string }>(this.db,
      `INSERT INTO protocols (tenant_id, title, legal_basis_type, legal_basis_reference, purpose, purpose_description,
         chair_organisation_id, frequency, minutes, retention_period, valid_from, valid_until, chains)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [this.tenantId, ...this.columnValues(state)],
    ));
    await this.writeMembers(id, state);
    return (await this.get(id))!;
  }

  async update(id: string, state: ProtocolState): Promise<Protocol> {
    await this.write(async () => {
      await this.db.query(
        `UPDATE protocols SET title = $2, legal_basis_type = $3, legal_basis_reference = $4, purpose = $5,
           purpose_description = $6, chair_organisation_id = $7, frequency = $8, minutes = $9, retention_period = $10,
           valid_from = $11, valid_until = $12, chains = $13, updated_at = now()
         WHERE id = $1`,
        [id, ...this.columnValues(state)],
      );
    });
    await this.db.query('DELETE FROM protocol_participants WHERE protocol_id = $1', [id]);
    await this.db.query('DELETE FROM protocol_parties WHERE protocol_id = $1', [id]);
    await this.writeMembers(id, state);
    return (await this.get(id))!;
  }

  private columnValues(s: ProtocolState): unknown[] {
    return [s.title, s.legalBasis.type, s.legalBasis.reference, s.purpose.code, s.purpose.description, s.modalities.chairOrganisationId,
      s.modalities.frequency, s.modalities.minutes, s.modalities.retentionPeriod, s.validity.from, s.validity.until ?? null, s.chains];
  }

  private async writeMembers(protocolId: string, s: ProtocolState): Promise<void> {
    if (s.participants.length) {
      await this.write(async () => {
        await this.db.query(
          `INSERT INTO protocol_participants (tenant_id, protocol_id, organisation_id, function, position)
           SELECT $1, $2, o, f, n FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS x(o, f, n)`,
          [this.tenantId, protocolId, s.participants.map((p) => p.organisationId), s.participants.map((p) => p.function)],
        );
      });
    }
    if (s.parties.length) {
      await this.write(async () => {
        await this.db.query(
          `INSERT INTO protocol_parties (tenant_id, protocol_id, organisation_id, signed_on, position)
           SELECT $1, $2, o, d, n FROM unnest($3::uuid[], $4::date[]) WITH ORDINALITY AS x(o, d, n)`,
          [this.tenantId, protocolId, s.parties.map((p) => p.organisationId), s.parties.map((p) => p.signedOn ?? null)],
        );
      });
    }
  }

  /** A reference that slipped past checkOrganisations (a concurrent change) is still a 400, never a 500. */
  private async write<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await statement();
    } catch (err) {
      if (pgError(err).code === '23503') throw badRequest('body', 'names an organisation that is not one of this district');
      throw err;
    }
  }

  private async assemble(rows: ProtocolRow[]): Promise<Protocol[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const participants: { protocolId: string; organisationId: string; function: string }[] = await this.db.query(
      `SELECT protocol_id AS "protocolId", organisation_id AS "organisationId", function FROM protocol_participants
       WHERE protocol_id = ANY($1::uuid[]) ORDER BY position`, [ids]);
    const parties: { protocolId: string; organisationId: string; signedOn: string | null }[] = await this.db.query(
      `SELECT protocol_id AS "protocolId", organisation_id AS "organisationId", signed_on::text AS "signedOn" FROM protocol_parties
       WHERE protocol_id = ANY($1::uuid[]) ORDER BY position`, [ids]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      legalBasis: { type: r.legalBasisType, reference: r.legalBasisReference },
      purpose: { code: r.purpose, description: r.purposeDescription },
      participants: participants.filter((p) => p.protocolId === r.id).map((p) => ({ organisationId: p.organisationId, function: p.function })),
      modalities: { chairOrganisationId: r.chairOrganisationId, frequency: r.frequency, minutes: r.minutes, retentionPeriod: r.retentionPeriod },
      validity: { from: r.validFrom, ...(r.validUntil ? { until: r.validUntil } : {}) },
      chains: r.chains,
      parties: parties.filter((p) => p.protocolId === r.id).map((p) => ({ organisationId: p.organisationId, ...(p.signedOn ? { signedOn: p.signedOn } : {}) })),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }
}
