import { notFound, type Actor, type TenantScope } from '@ketenhuis/sdk';
import { UUID } from '../../kernel/values/uuid';

/**
 * Who sees a case inside a tenant (architecture §3), beyond holding a permission:
 *
 * - an organisation that takes part in the case (the registering one always does);
 * - a parket, for the chains it works in (its `chains` in the partner registry), except cases
 *   marked `strikt-vertrouwelijk`, which only their participants see;
 * - an actor acting for no organisation (a bootstrap or operator token): only the cases it
 *   registered itself while acting for no organisation.
 *
 * Everything else is answered exactly as a case that does not exist.
 */
export interface Viewer {
  organisationId: string | null;
  subject: string;
}

export const viewerOf = (actor: Actor): Viewer => ({ organisationId: actor.organisationId ?? null, subject: actor.subject });

/**
 * SQL predicate over the case alias `c`. The viewer's organisation and subject are parameter
 * numbers (`$org`, `$subject`), or SQL expressions when the viewer is itself a row of the query
 * (e.g. `'o.id'` to ask which organisations see a case).
 */
export function visibleCaseSql(org: number | string, subject: number | string): string {
  const o = typeof org === 'number' ? `$${org}::uuid` : `(${org})::uuid`;
  const s = typeof subject === 'number' ? `$${subject}::text` : `(${subject})::text`;
  return `(
    (${o} IS NOT NULL AND (
      EXISTS (SELECT 1 FROM case_participants vp WHERE vp.tenant_id = c.tenant_id AND vp.case_id = c.id AND vp.organisation_id = ${o})
      OR (c.confidentiality <> 'strikt-vertrouwelijk' AND EXISTS (
        SELECT 1 FROM organisations vo WHERE vo.id = ${o} AND vo.type = 'parket' AND c.chain = ANY (vo.chains)))))
    OR (${o} IS NULL AND c.registered_by_organisation_id IS NULL AND c.registered_by_subject = ${s})
  )`;
}

export interface CaseRow {
  id: string;
  chain: string;
  case_type: string;
  state: string;
  confidentiality: 'normaal' | 'vertrouwelijk' | 'strikt-vertrouwelijk';
  reference: string;
  registered_by_organisation_id: string | null;
  registered_at: Date;
  updated_at: Date;
  version: number;
  /** The chain's declared case fields (see CaseFieldDefinition). */
  fields: Record<string, unknown>;
}

/** What follows a case's state (its clocks): known before the case has its reference. */
export type CaseInState = Pick<CaseRow, 'id' | 'chain' | 'case_type' | 'state' | 'fields'>;

export const CASE_COLUMNS = `c.id, c.chain, c.case_type, c.state, c.confidentiality, c.reference, c.registered_by_organisation_id,
  c.registered_at, c.updated_at, c.version, c.fields`;

/** The case if the viewer may see it; `lock` holds its row for an update in this transaction. */
export async function findVisibleCase(scope: TenantScope, viewer: Viewer, id: string, opts: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await scope.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1 AND ${visibleCaseSql(2, 3)}${opts.lock ? ' FOR NO KEY UPDATE OF c' : ''}`,
    [id, viewer.organisationId, viewer.subject]);
  return row;
}

export async function requireVisibleCase(scope: TenantScope, viewer: Viewer, id: string, opts: { lock?: boolean } = {}): Promise<CaseRow> {
  const row = await findVisibleCase(scope, viewer, id, opts);
  if (!row) throw notFound();
  return row;
}

/** The ids among `ids` the viewer may see (links and timelines never name an invisible case). */
export async function visibleCaseIds(scope: TenantScope, viewer: Viewer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await scope.query<{ id: string }>(
    `SELECT c.id FROM cases c WHERE c.id = ANY ($1::uuid[]) AND ${visibleCaseSql(2, 3)}`, [ids, viewer.organisationId, viewer.subject]);
  return new Set(rows.map((r) => r.id));
}
