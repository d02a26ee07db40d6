import { badRequest, type Actor, type CaseTypeDefinition, type TenantScope } from '@ketenhuis/sdk';
import { CASE_COLUMNS, viewerOf, type CaseRow } from './case-access';
import { addExternalReferences, checkExternalReferences, type ExternalReferenceInput } from './external-references';
import { addSubject, type SubjectInput } from './case-parts';
import { caseBody, casePartsSql, type CasePartsRow } from './case-view';
import { TIMELINE_INSERT } from './timeline';
import { checkCaseFields } from './case-fields';
import { afterStateChange } from '../workflows/after-state-change';
import { CORE_TOKENS } from '../../kernel/core-tokens';

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

/** A chain the platform has installed and one of its case types; whether the tenant enabled it is asked when the case is written. */
function resolveCaseType(scope: TenantScope, chain: string, caseType: string): CaseTypeDefinition {
  const mod = scope.resolve(CORE_TOKENS.ModuleRegistry).get(chain);
  if (!mod) throw notEnabled();
  const type = mod.caseTypes?.find((t) => t.id === caseType);
  if (!type) throw badRequest('body.caseType', `is not a case type of the chain "${chain}"`);
  return type;
}

const notEnabled = () => badRequest('body.chain', 'is not a chain enabled in this district');

export const formatCaseReference = (chain: string, year: number, n: number) => `${chain.toUpperCase()}-${year}-${String(n).padStart(6, '0')}`;

/** formatCaseReference as a SQL expression over three SQL expressions (a test holds the two equal). */
export const caseReferenceSql = (chain: string, year: string, n: string) =>
  `upper(${chain}) || '-' || ${year} || '-' || lpad(${n}::text, greatest(6, length(${n}::text)), '0')`;

type NewCase = Omit<CaseRow, 'reference'> & { reference: null };

/**
 * Writes the case, without its reference yet, and the registering organisation's participation,
 * if the tenant has enabled the chain: no row back means it has not.
 */
async function insertCase(scope: TenantScope, actor: Actor, type: CaseTypeDefinition, input: CaseRegistration, fields: Record<string, unknown>): Promise<NewCase> {
  const [row] = await scope.query<NewCase>(
    `WITH enabled AS (SELECT 1 FROM tenant_modules WHERE module_id = $2),
     c AS (
       INSERT INTO cases AS c (tenant_id, chain, case_type, state, confidentiality, registered_by_subject, registered_by_organisation_id, fields)
       SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::uuid, $8::jsonb FROM enabled
       RETURNING ${CASE_COLUMNS}),
     p AS (
       INSERT INTO case_participants (tenant_id, case_id, organisation_id, function, role, added_by_subject)
       SELECT $1::uuid, c.id, $7::uuid, $9::text, $10::text, $6::text FROM c WHERE $7::uuid IS NOT NULL AND $9::text IS NOT NULL)
     SELECT * FROM c`,
    [scope.tenantId, input.chain, type.id, type.workflow.initial, input.confidentiality ?? 'normaal', actor.subject,
      actor.organisationId ?? null, JSON.stringify(fields), actor.function ?? null, REGISTERING_ROLE]);
  if (!row) throw notEnabled();
  return row;
}

/**
 * The registration's last statement: takes the chain's next number in the current year (Belgian
 * time), writes it as the case's reference, appends the `registered` entry to its timeline and
 * reads the case as the API shows it. The counter row stays locked from here to the commit, so
 * concurrent registrations queue for the last round trips only (ADR 0013); one that rolls back
 * gives its number back.
 */
async function numberCase(scope: TenantScope, actor: Actor, chain: string, caseId: string, registered: Record<string, unknown>) {
  const viewer = viewerOf(actor);
  const [found] = await scope.query<CaseRow & CasePartsRow>(
    `WITH n AS (
       INSERT INTO case_reference_counters (tenant_id, chain, year, last_number)
       VALUES ($5, $6, extract(year FROM now() AT TIME ZONE 'Europe/Brussels')::int, 1)
       ON CONFLICT (tenant_id, chain, year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
       RETURNING year, last_number),
     numbered AS (
       UPDATE cases c SET reference_year = n.year, reference_number = n.last_number, reference = ${caseReferenceSql('c.chain', 'n.year', 'n.last_number')}
       FROM n WHERE c.id = $1 RETURNING ${CASE_COLUMNS}, c.tenant_id),
     t AS (${TIMELINE_INSERT} SELECT tenant_id, id, 'registered', $3::text, $2::uuid, $4::jsonb FROM numbered)
     SELECT o.*, ${casePartsSql(2, 3)} FROM numbered o`,
    [caseId, viewer.organisationId, viewer.subject, JSON.stringify(registered), scope.tenantId, chain]);
  const { refs, subjects, participants, links, ...row } = found;
  return { row, body: caseBody(row, { refs, subjects, participants, links }) };
}

/**
 * Registers a case in its workflow's initial state; the caller's organisation takes part in it.
 * A caller acting for no organisation (a bootstrap or operator token) leaves no participant: it
 * sees the case as its registrant, and the parket of the chain does (see case-access.ts).
 * Returns the case as the API shows it, read in the statement that numbered it.
 */
export async function registerCase(scope: TenantScope, actor: Actor, input: CaseRegistration) {
  const type = resolveCaseType(scope, input.chain, input.caseType);
  const fields = checkCaseFields(type.fields, input.fields ?? {}, 'body.fields', { registering: true });
  const refs = await checkExternalReferences(scope, input.externalReferences ?? [], 'body.externalReferences');
  const row = await insertCase(scope, actor, type, input, fields);
  const referenceIds = await addExternalReferences(scope, row.id, refs);
  // A person that is not the tenant's fails here and rolls it all back.
  for (const [i, subject] of (input.subjects ?? []).entries()) await addSubject(scope, actor, row.id, subject, `body.subjects.${i}`);
  await afterStateChange(scope, row, null);
  await scope.publish({ type: 'core.case-registered', aggregateType: 'case', aggregateId: row.id, payload: { chain: row.chain, caseType: row.case_type } });
  return numberCase(scope, actor, row.chain, row.id, {
    caseType: type.id, state: row.state, confidentiality: row.confidentiality, externalReferenceIds: referenceIds,
    subjectIds: [...new Set((input.subjects ?? []).map((s) => s.personId))], fieldIds: Object.keys(fields).sort(),
  });
}
