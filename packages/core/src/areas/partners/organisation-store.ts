import type { EntityManager } from 'typeorm';
import { ProblemError, badRequest, conflict, type FieldError } from '@ketenhuis/sdk';
import { formatKbo } from '../../kernel/identifiers/kbo';
import type { OrganisationState } from './organisation-rules';
import { pgError } from '../../kernel/values/database-errors';
import { rows } from '../../kernel/db/rows';

export interface Organisation extends OrganisationState {
  id: string;
  /** The organisation this one was merged into (police zones merge often); null while it stands. */
  mergedIntoId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, type, kbo, police_zone_code AS "policeZoneCode", professional_secrecy AS "professionalSecrecy",
  chains, merged_into_id AS "mergedIntoId", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** How the API shows an organisation: the KBO number in its published form. */
export function organisationBody(o: Organisation): Record<string, unknown> {
  return {
    id: o.id, name: o.name, type: o.type,
    ...(o.kbo ? { kbo: formatKbo(o.kbo) } : {}),
    ...(o.policeZoneCode ? { policeZoneCode: o.policeZoneCode } : {}),
    professionalSecrecy: o.professionalSecrecy, chains: o.chains,
    ...(o.mergedIntoId ? { mergedIntoId: o.mergedIntoId } : {}),
    createdAt: o.createdAt, updatedAt: o.updatedAt,
  };
}

/** Unique keys become 409s that say which key; a foreign reference that vanished, a 400. */
function mapWriteError(err: unknown, state: OrganisationState): unknown {
  const { code, constraint } = pgError(err);
  if (code === '23505' && constraint === 'organisations_tenant_kbo') return conflict(`An organisation with KBO number ${formatKbo(state.kbo ?? '')} already exists`);
  if (code === '23505' && constraint === 'organisations_tenant_police_zone') return conflict(`A police zone with code ${state.policeZoneCode} already exists`);
  return err;
}

/**
 * Organisations of one tenant, read and written in the caller's transaction (a request's unit of
 * work, or an operator's import). Row-level security confines every statement to the tenant.
 */
export class OrganisationStore {
  constructor(private readonly db: EntityManager, private readonly tenantId: string) {}

  async get(id: string): Promise<Organisation | undefined> {
    const [row] = await rows<Organisation>(this.db, `SELECT ${COLUMNS} FROM organisations WHERE id = $1`, [id]);
    return row;
  }

  async all(): Promise<Organisation[]> {
    return rows<Organisation>(this.db, `SELECT ${COLUMNS} FROM organisations ORDER BY name, id`);
  }

  /** A page in name order, after the (name, id) of the previous page's last row. */
  async page(opts: { type?: string; chain?: string; after?: [string, string]; limit: number }): Promise<Organisation[]> {
    return rows<Organisation>(this.db,
      `SELECT ${COLUMNS} FROM organisations
       WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR $2 = ANY(chains))
         AND ($3::text IS NULL OR (name, id) > ($3::text, $4::uuid))
       ORDER BY name, id LIMIT $5`,
      [opts.type ?? null, opts.chain ?? null, opts.after?.[0] ?? null, opts.after?.[1] ?? null, opts.limit],
    );
  }

  /** The ids among `ids` that are organisations of this tenant (another tenant's are simply absent). */
  async existing(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const found = await rows<{ id: string }>(this.db, 'SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(found.map((r) => r.id));
  }

  async insert(state: OrganisationState): Promise<Organisation> {
    try {
      const [row] = await rows<Organisation>(this.db,
        `INSERT INTO organisations (tenant_id, name, type, kbo, police_zone_code, professional_secrecy, chains)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [this.tenantId, state.name, state.type, state.kbo, state.policeZoneCode, state.professionalSecrecy, state.chains],
      );
      return row;
    } catch (err) {
      throw mapWriteError(err, state);
    }
  }

  async update(id: string, state: OrganisationState & { mergedIntoId: string | null }): Promise<Organisation> {
    try {
      // A bare UPDATE: the driver answers [rows, rowCount].
      const [[row]]: [Organisation[], number] = await this.db.query(
        `UPDATE organisations SET name = $2, type = $3, kbo = $4, police_zone_code = $5, professional_secrecy = $6,
           chains = $7, merged_into_id = $8, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, state.name, state.type, state.kbo, state.policeZoneCode, state.professionalSecrecy, state.chains, state.mergedIntoId],
      );
      return row;
    } catch (err) {
      throw mapWriteError(err, state);
    }
  }

  /**
   * A merge points to a standing organisation of the same tenant. Pointing only to organisations
   * that were not merged themselves keeps the successor chain free of cycles.
   */
  async checkMergeTarget(id: string, targetId: string, field: string): Promise<void> {
    if (targetId === id) throw badRequest(field, 'an organisation cannot be merged into itself');
    const target = await this.get(targetId);
    if (!target) throw badRequest(field, 'is not an organisation of this district');
    if (target.mergedIntoId) throw badRequest(field, 'that organisation was itself merged into another; name its successor');
  }
}

/** All mistakes at once (a form shows every one, not one per round trip), fields prefixed. */
export function throwIfInvalid(errors: FieldError[], prefix: string): void {
  if (!errors.length) return;
  const named = errors.map((e) => ({ field: `${prefix}${e.field}`, message: e.message }));
  throw new ProblemError(400, named.map((e) => `${e.field}: ${e.message}`).join('; '), named);
}
