import { types } from 'pg';
import type { TenantScope } from '@ketenhuis/sdk';
import { CASE_COLUMNS, visibleCaseSql, type CaseRow, type Viewer } from './case-access';
import { referenceView, type ExternalReferenceRow } from './external-references';
import { UUID } from '../../kernel/values/uuid';

/** The fields a list shows: the case itself and the references it is searched by. */
export function caseSummary(row: CaseRow, refs: ExternalReferenceRow[]) {
  return {
    id: row.id,
    reference: row.reference,
    chain: row.chain,
    caseType: row.case_type,
    state: row.state,
    confidentiality: row.confidentiality,
    externalReferences: refs.map(referenceView),
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** A timestamp inside JSON comes as PostgreSQL's text; read it exactly as the driver reads a column. */
const timestamptz = types.getTypeParser(types.builtins.TIMESTAMPTZ, 'text') as (value: string) => Date;

/** A case's external references as one JSON column, for the statement that reads the case. */
export const referencesJsonOf = (caseId: string) => `
  (SELECT COALESCE(json_agg(json_build_object('id', r.id, 'case_id', r.case_id, 'kind', r.kind, 'value', r.value,
       'police_zone_code', r.police_zone_code, 'added_at', r.added_at::text) ORDER BY r.kind, r.added_at, r.id), '[]'::json)
     FROM case_external_references r WHERE r.case_id = ${caseId})`;

export type ReferencesJson = Array<Omit<ExternalReferenceRow, 'added_at'> & { added_at: string }>;

export const referencesFromJson = (refs: ReferencesJson): ExternalReferenceRow[] => refs.map((r) => ({ ...r, added_at: timestamptz(r.added_at) }));

/** The parts of one case, each a JSON array built in the statement that reads the case. */
export interface CasePartsRow {
  refs: ReferencesJson;
  subjects: Array<{ personId: string; role: string; addedAt: string }>;
  participants: Array<{ organisationId: string; function: string; role: string; addedAt: string }>;
  links: Array<{ caseId: string; kind: string; createdAt: string; reference: string }>;
}

/**
 * The parts of the case `o` as columns, in the order the API shows them. Links to cases the viewer
 * cannot see are left out: their existence is not the viewer's to know. `$org` and `$subject`
 * are the viewer's parameter numbers.
 */
export const casePartsSql = (org: number, subject: number) => `
  ${referencesJsonOf('o.id')} AS refs,
  (SELECT COALESCE(json_agg(json_build_object('personId', s.person_id, 'role', s.role, 'addedAt', s.added_at::text)
       ORDER BY s.added_at, s.person_id, s.role), '[]'::json)
     FROM case_subjects s WHERE s.tenant_id = o.tenant_id AND s.case_id = o.id) AS subjects,
  (SELECT COALESCE(json_agg(json_build_object('organisationId', p.organisation_id, 'function', p.function, 'role', p.role,
       'addedAt', p.added_at::text) ORDER BY p.added_at, p.organisation_id, p.function, p.role), '[]'::json)
     FROM case_participants p WHERE p.tenant_id = o.tenant_id AND p.case_id = o.id) AS participants,
  (SELECT COALESCE(json_agg(json_build_object('caseId', c.id, 'kind', x.kind, 'createdAt', x.created_at::text, 'reference', c.reference)
       ORDER BY x.created_at, x.kind), '[]'::json)
     FROM (SELECT CASE WHEN l.case_id = o.id THEN l.other_case_id ELSE l.case_id END AS other_id, l.kind, l.created_at
           FROM case_links l WHERE l.tenant_id = o.tenant_id AND (l.case_id = o.id OR l.other_case_id = o.id)) x
     JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = x.other_id
     WHERE ${visibleCaseSql(org, subject)}) AS links`;

/** The case as the API shows it, from its row and the parts `casePartsSql` read. */
export function caseBody(row: CaseRow, parts: CasePartsRow) {
  return {
    ...caseSummary(row, referencesFromJson(parts.refs)),
    fields: row.fields ?? {},
    subjects: parts.subjects.map((s) => ({ ...s, addedAt: timestamptz(s.addedAt) })),
    participants: parts.participants.map((p) => ({ ...p, addedAt: timestamptz(p.addedAt) })),
    links: parts.links.map((l) => ({ caseId: l.caseId, kind: l.kind, createdAt: timestamptz(l.createdAt), reference: l.reference })),
  };
}

/** One case with its subjects, participants and links, for a case already read: one statement. */
export async function caseView(scope: TenantScope, viewer: Viewer, row: CaseRow) {
  const [parts] = await scope.query<CasePartsRow>(
    `SELECT ${casePartsSql(2, 3)} FROM cases o WHERE o.id = $1`, [row.id, viewer.organisationId, viewer.subject]);
  return caseBody(row, parts);
}

/**
 * The case with everything the API shows of it, if the viewer may see it, in one statement:
 * what a read of a case costs (architecture: statements per request).
 */
export async function findCaseView(scope: TenantScope, viewer: Viewer, id: string): Promise<{ row: CaseRow; body: ReturnType<typeof caseBody> } | undefined> {
  if (!UUID.test(id)) return undefined;
  const [found] = await scope.query<CaseRow & CasePartsRow>(
    `SELECT o.*, ${casePartsSql(2, 3)}
     FROM (SELECT ${CASE_COLUMNS}, c.tenant_id FROM cases c WHERE c.id = $1 AND ${visibleCaseSql(2, 3)}) o`,
    [id, viewer.organisationId, viewer.subject]);
  if (!found) return undefined;
  const { refs, subjects, participants, links, ...row } = found;
  return { row, body: caseBody(row, { refs, subjects, participants, links }) };
}
