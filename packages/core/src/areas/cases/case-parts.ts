import { badRequest, conflict, type Actor, type TenantScope } from '@ketenhuis/sdk';
import { isFunction } from '../identity/functions';
import { findVisibleCase, type Viewer } from './case-access';
import { pgError } from '../../kernel/values/database-errors';

export type SubjectRole = 'verdachte' | 'slachtoffer' | 'minderjarige' | 'ouder-voogd' | 'getuige' | 'betrokkene';
export interface SubjectInput { personId: string; role: SubjectRole }
export interface ParticipantInput { organisationId: string; function: string; role: string }
export type LinkKind = 'samengevoegd' | 'zelfde-gezin' | 'gerelateerd';
export interface LinkInput { caseId: string; kind: LinkKind }

const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

/**
 * Runs an insert whose foreign keys do the checking: a row of another tenant (or none) fails
 * the composite key exactly like a missing one, with no window between check and write.
 */
async function insertChecked<T>(run: () => Promise<T>, onMissing: () => Error, onDuplicate: () => Error): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const { code } = pgError(err);
    if (code === FOREIGN_KEY_VIOLATION) throw onMissing();
    if (code === UNIQUE_VIOLATION) throw onDuplicate();
    throw err;
  }
}

/** Any change the case's representation shows gives it a new version (and ETag). */
export async function touchCase(scope: TenantScope, caseId: string): Promise<void> {
  await scope.query('UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1', [caseId]);
}

export async function addSubject(scope: TenantScope, actor: Actor, caseId: string, input: SubjectInput, field: string) {
  const [row] = await insertChecked(
    () => scope.query<{ personId: string; role: string; addedAt: Date }>(
      `INSERT INTO case_subjects (tenant_id, case_id, person_id, role, added_by_subject) VALUES ($1, $2, $3, $4, $5)
       RETURNING person_id AS "personId", role, added_at AS "addedAt"`, [scope.tenantId, caseId, input.personId, input.role, actor.subject]),
    () => badRequest(`${field}.personId`, 'is not a person of this district'),
    () => conflict('This person already has this role in the case'));
  return row;
}

export async function addParticipant(scope: TenantScope, actor: Actor, caseId: string, input: ParticipantInput) {
  if (!isFunction(input.function)) throw badRequest('body.function', 'is not a function of the catalogue');
  const [row] = await insertChecked(
    () => scope.query<{ organisationId: string; function: string; role: string; addedAt: Date }>(
      `INSERT INTO case_participants (tenant_id, case_id, organisation_id, function, role, added_by_subject) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING organisation_id AS "organisationId", function, role, added_at AS "addedAt"`,
      [scope.tenantId, caseId, input.organisationId, input.function, input.role, actor.subject]),
    () => badRequest('body.organisationId', 'is not an organisation of this district'),
    () => conflict('This organisation already takes part in the case with this function and role'));
  return row;
}

/**
 * Links two cases both visible to the viewer; the link is one row for the pair, so it reads
 * the same from either side. A case the viewer cannot see is answered as one that is missing.
 */
export async function addLink(scope: TenantScope, viewer: Viewer, actor: Actor, caseId: string, input: LinkInput) {
  if (input.caseId.toLowerCase() === caseId) throw badRequest('body.caseId', 'a case cannot be linked to itself');
  const other = await findVisibleCase(scope, viewer, input.caseId);
  if (!other) throw badRequest('body.caseId', 'is not a case you can see');
  const [low, high] = [caseId, other.id].sort();
  const [row] = await insertChecked(
    () => scope.query<{ createdAt: Date }>(
      `INSERT INTO case_links (tenant_id, case_id, other_case_id, kind, created_by_subject) VALUES ($1, $2, $3, $4, $5)
       RETURNING created_at AS "createdAt"`, [scope.tenantId, low, high, input.kind, actor.subject]),
    () => badRequest('body.caseId', 'is not a case you can see'),
    () => conflict('These cases are already linked this way'));
  return { caseId: other.id, reference: other.reference, kind: input.kind, createdAt: row.createdAt };
}

export async function addNote(scope: TenantScope, actor: Actor, caseId: string, text: string) {
  const [row] = await scope.query<{ id: string; text: string; authorSubject: string; authorOrganisationId: string | null; createdAt: Date }>(
    `INSERT INTO case_notes (tenant_id, case_id, text, author_subject, author_organisation_id) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, text, author_subject AS "authorSubject", author_organisation_id AS "authorOrganisationId", created_at AS "createdAt"`,
    [scope.tenantId, caseId, text, actor.subject, actor.organisationId ?? null]);
  return row;
}
