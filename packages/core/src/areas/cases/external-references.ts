import { badRequest, conflict, type TenantScope } from '@ketenhuis/sdk';
import { MAX_REFERENCE_LENGTH, normalizeReference } from '../../kernel/identifiers';
import { pgError } from '../../kernel/values/database-errors';

export interface ExternalReferenceInput {
  kind: 'notitienummer' | 'pv';
  value: string;
  policeZoneCode?: string;
}

export interface ExternalReference {
  kind: 'notitienummer' | 'pv';
  value: string;
  searchKey: string;
  policeZoneCode?: string;
}

/**
 * Checks references as typed and keys them for search. A PV names the police zone it comes
 * from by its 4-digit code, which must be a zone of the district (merged zones included: old
 * PVs keep their code). A case has one notitienummer at most; the same reference given twice
 * counts once.
 */
export async function checkExternalReferences(scope: TenantScope, input: ExternalReferenceInput[], field: string): Promise<ExternalReference[]> {
  const out: ExternalReference[] = [];
  const seen = new Set<string>();
  input.forEach((ref, i) => {
    const value = ref.value.trim();
    const searchKey = normalizeReference(value);
    if (!searchKey || searchKey.length > MAX_REFERENCE_LENGTH) throw badRequest(`${field}.${i}.value`, 'is empty once spaces, dots, dashes and slashes are left out');
    if (ref.kind === 'pv' && ref.policeZoneCode === undefined) throw badRequest(`${field}.${i}.policeZoneCode`, 'a PV needs the code of the police zone that drew it up');
    if (ref.kind === 'notitienummer' && ref.policeZoneCode !== undefined) throw badRequest(`${field}.${i}.policeZoneCode`, 'only a PV has a police zone code');
    if (seen.has(`${ref.kind}:${searchKey}`)) return;
    seen.add(`${ref.kind}:${searchKey}`);
    out.push({ kind: ref.kind, value, searchKey, ...(ref.policeZoneCode ? { policeZoneCode: ref.policeZoneCode } : {}) });
  });
  if (out.filter((r) => r.kind === 'notitienummer').length > 1) {
    throw badRequest(`${field}.${input.findLastIndex((r) => r.kind === 'notitienummer')}`, 'a case has one notitienummer');
  }
  const codes = [...new Set(out.flatMap((r) => (r.policeZoneCode ? [r.policeZoneCode] : [])))];
  if (codes.length) {
    const zones = await scope.query<{ code: string }>(
      `SELECT police_zone_code AS code FROM organisations WHERE type = 'politiezone' AND police_zone_code = ANY ($1::text[])`, [codes]);
    const known = new Set(zones.map((z) => z.code));
    const i = input.findIndex((r) => r.policeZoneCode !== undefined && !known.has(r.policeZoneCode));
    if (i >= 0) throw badRequest(`${field}.${i}.policeZoneCode`, 'is not the code of a police zone of this district');
  }
  return out;
}

/** Adds references to a case; returns the ids of those it added. */
export async function addExternalReferences(scope: TenantScope, caseId: string, refs: ExternalReference[]): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    try {
      const [row] = await scope.query<{ id: string }>(
        `INSERT INTO case_external_references (tenant_id, case_id, kind, value, search_key, police_zone_code)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [scope.tenantId, caseId, ref.kind, ref.value, ref.searchKey, ref.policeZoneCode ?? null]);
      ids.push(row.id);
    } catch (err) {
      const { code, constraint } = pgError(err);
      if (code === '23505' && constraint === 'case_external_references_one_notitienummer') throw conflict('The case already has a notitienummer');
      if (code === '23505' && constraint === 'case_external_references_unique') throw conflict(`The case already carries this ${ref.kind === 'pv' ? 'PV' : 'notitienummer'}`);
      throw err;
    }
  }
  return ids;
}

export interface ExternalReferenceRow {
  id: string;
  case_id: string;
  kind: 'notitienummer' | 'pv';
  value: string;
  police_zone_code: string | null;
  added_at: Date;
}

export async function referencesOf(scope: TenantScope, caseIds: string[]): Promise<Map<string, ExternalReferenceRow[]>> {
  const rows = caseIds.length ? await scope.query<ExternalReferenceRow>(
    `SELECT id, case_id, kind, value, police_zone_code, added_at FROM case_external_references
     WHERE case_id = ANY ($1::uuid[]) ORDER BY kind, added_at, id`, [caseIds]) : [];
  const out = new Map<string, ExternalReferenceRow[]>(caseIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.case_id)?.push(r);
  return out;
}

export const referenceView = (r: ExternalReferenceRow) => ({
  id: r.id, kind: r.kind, value: r.value, ...(r.police_zone_code ? { policeZoneCode: r.police_zone_code } : {}), addedAt: r.added_at,
});
