import type { TenantScope } from '@ketenhuis/sdk';
import { visibleCaseIds, type CaseRow, type Viewer } from './case-access';
import { referenceView, referencesOf, type ExternalReferenceRow } from './external-references';

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

/**
 * One case with its subjects, participants and links. Links to cases the viewer cannot see
 * are left out: their existence is not the viewer's to know.
 */
export async function caseView(scope: TenantScope, viewer: Viewer, row: CaseRow) {
  const [refs, subjects, participants, links] = [
    await referencesOf(scope, [row.id]),
    await scope.query<{ personId: string; role: string; addedAt: Date }>(
      `SELECT person_id AS "personId", role, added_at AS "addedAt" FROM case_subjects WHERE case_id = $1 ORDER BY added_at, person_id, role`, [row.id]),
    await scope.query<{ organisationId: string; function: string; role: string; addedAt: Date }>(
      `SELECT organisation_id AS "organisationId", function, role, added_at AS "addedAt" FROM case_participants
       WHERE case_id = $1 ORDER BY added_at, organisation_id, function, role`, [row.id]),
    await scope.query<{ caseId: string; kind: string; createdAt: Date }>(
      `SELECT CASE WHEN case_id = $1 THEN other_case_id ELSE case_id END AS "caseId", kind, created_at AS "createdAt"
       FROM case_links WHERE case_id = $1 OR other_case_id = $1 ORDER BY created_at, kind`, [row.id]),
  ];
  const visible = await visibleCaseIds(scope, viewer, links.map((l) => l.caseId));
  const references = new Map((await scope.query<{ id: string; reference: string }>(
    'SELECT id, reference FROM cases WHERE id = ANY ($1::uuid[])', [[...visible]])).map((c) => [c.id, c.reference]));
  return {
    ...caseSummary(row, refs.get(row.id) ?? []),
    fields: row.fields ?? {},
    subjects,
    participants,
    links: links.filter((l) => visible.has(l.caseId)).map((l) => ({ ...l, reference: references.get(l.caseId) })),
  };
}
