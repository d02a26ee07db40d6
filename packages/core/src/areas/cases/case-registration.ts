import { badRequest, type Actor, type CaseTypeDefinition, type TenantScope } from '@ketenhuis/sdk';
import { CASE_COLUMNS, type CaseRow } from './case-access';
import { addExternalReferences, checkExternalReferences, type ExternalReferenceInput } from './external-references';
import { addSubject, type SubjectInput } from './case-parts';
import { appendTimeline } from './timeline';
import { checkCaseFields } from './case-fields';
import { afterStateChange } from '../workflows/after-state-change';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import type { ExistsRow } from '../../kernel/db/rows';

export type Confidentiality = 'normaal' | 'vertrouwelijk' | 'strikt-vertrouwelijk';

export interface CaseRegistration {
  chain: string;
  caseType: string;
  confidentiality?: Confidentiality;
  externalReferences?: ExternalReferenceInput[];
  subjects?: SubjectInput[];
  fields?: Record<string, unknown>;
}

/** The role the registering organisation takes in the case it registers. */
export const REGISTERING_ROLE = 'aanmelder';

/** A chain the platform has installed and the tenant enabled, and one of that chain's case types. */
async function resolveCaseType(scope: TenantScope, chain: string, caseType: string): Promise<CaseTypeDefinition> {
  const mod = scope.resolve(CORE_TOKENS.ModuleRegistry).get(chain);
  const [enabled] = mod ? await scope.query<ExistsRow>('SELECT 1 FROM tenant_modules WHERE module_id = $1', [chain]) : [];
  if (!enabled) throw badRequest('body.chain', 'is not a chain enabled in this district');
  const type = mod?.caseTypes?.find((t) => t.id === caseType);
  if (!type) throw badRequest('body.caseType', `is not a case type of the chain "${chain}"`);
  return type;
}

/**
 * The next number of the chain in the current year (Belgian time), taken in the registering
 * transaction: the counter row stays locked until it commits, so concurrent registrations
 * queue behind each other, and a registration that rolls back gives its number back.
 */
async function nextNumber(scope: TenantScope, chain: string): Promise<{ year: number; number: number }> {
  const [row] = await scope.query<{ year: number; number: number }>(
    `INSERT INTO case_reference_counters (tenant_id, chain, year, last_number)
     VALUES ($1, $2, extract(year FROM now() AT TIME ZONE 'Europe/Brussels')::int, 1)
     ON CONFLICT (tenant_id, chain, year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
     RETURNING year, last_number AS number`, [scope.tenantId, chain]);
  return row;
}

export const formatCaseReference = (chain: string, year: number, n: number) => `${chain.toUpperCase()}-${year}-${String(n).padStart(6, '0')}`;

/**
 * Registers a case in its workflow's initial state; the caller's organisation takes part in it.
 * A caller acting for no organisation (a bootstrap or operator token) leaves no participant: it
 * sees the case as its registrant, and the parket of the chain does (see case-access.ts).
 */
export async function registerCase(scope: TenantScope, actor: Actor, input: CaseRegistration): Promise<CaseRow> {
  const type = await resolveCaseType(scope, input.chain, input.caseType);
  const fields = checkCaseFields(type.fields, input.fields ?? {}, 'body.fields', { registering: true });
  const refs = await checkExternalReferences(scope, input.externalReferences ?? [], 'body.externalReferences');
  const { year, number } = await nextNumber(scope, input.chain);
  const [row] = await scope.query<CaseRow>(
    `INSERT INTO cases AS c (tenant_id, chain, case_type, state, confidentiality, reference_year, reference_number, reference,
       registered_by_subject, registered_by_organisation_id, fields)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${CASE_COLUMNS}`,
    [scope.tenantId, input.chain, type.id, type.workflow.initial, input.confidentiality ?? 'normaal', year, number,
      formatCaseReference(input.chain, year, number), actor.subject, actor.organisationId ?? null, JSON.stringify(fields)]);
  if (actor.organisationId && actor.function) {
    await scope.query(
      `INSERT INTO case_participants (tenant_id, case_id, organisation_id, function, role, added_by_subject) VALUES ($1, $2, $3, $4, $5, $6)`,
      [scope.tenantId, row.id, actor.organisationId, actor.function, REGISTERING_ROLE, actor.subject]);
  }
  const referenceIds = await addExternalReferences(scope, row.id, refs);
  // After the number was taken: a person that is not the tenant's fails here and rolls it all back.
  for (const [i, subject] of (input.subjects ?? []).entries()) await addSubject(scope, actor, row.id, subject, `body.subjects.${i}`);
  await appendTimeline(scope, row.id, actor, 'registered', {
    caseType: type.id, state: row.state, confidentiality: row.confidentiality, externalReferenceIds: referenceIds,
    subjectIds: [...new Set((input.subjects ?? []).map((s) => s.personId))], fieldIds: Object.keys(fields).sort(),
  });
  await afterStateChange(scope, row, null);
  await scope.publish({ type: 'core.case-registered', aggregateType: 'case', aggregateId: row.id, payload: { chain: row.chain, caseType: row.case_type } });
  return row;
}
