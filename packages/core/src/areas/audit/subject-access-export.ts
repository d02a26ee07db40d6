import type { Actor, TenantScope } from '@ketenhuis/sdk';
import type { FieldCipher } from '../../kernel/crypto';
import { PERSON_COLUMNS, READ_IDENTIFIER, toPersonView, type PersonRow } from '../persons/person-view';
import { AUDIT_VIEW_COLUMNS, toAuditRecordView, type AuditRecordView, type AuditViewRow } from './audit-view';

export interface ExportLimits {
  /** Audit records in one export, person's and cases' together. */
  records: number;
  cases: number;
  /** Rows per query: every query is bounded, whatever a person's history holds. */
  pageSize: number;
}

export const EXPORT_LIMITS: ExportLimits = { records: 100_000, cases: 10_000, pageSize: 1_000 };

interface CaseRow {
  id: string;
  reference: string;
  chain: string;
  case_type: string;
  state: string;
  confidentiality: string;
  registered_at: Date;
  roles: string[];
}

/**
 * A subject access request discloses what is held, the national number included, whoever
 * prepares it: the export shows the person as a caller allowed to read identifiers sees it.
 */
const identifierReader: Actor = { subject: 'subject-access-export', roles: [], permissions: new Set([READ_IDENTIFIER]) };

class Budget {
  truncated = false;
  constructor(public left: number) {}
}

/** The records about one object, oldest first, paged on (occurred_at, id) along its index. */
async function recordsAbout(scope: TenantScope, objectType: string, objectId: string, budget: Budget, pageSize: number): Promise<AuditRecordView[]> {
  const out: AuditRecordView[] = [];
  let after: [string, string] = ['-infinity', '0'];
  const page = (limit: number) => scope.query<AuditViewRow>(
    `SELECT ${AUDIT_VIEW_COLUMNS} FROM audit_records a
     WHERE a.object_type = $1 AND a.object_id = $2 AND a.occurred_at >= $3::timestamptz AND (a.occurred_at, a.id) > ($3::timestamptz, $4::bigint)
     ORDER BY a.occurred_at, a.id LIMIT $5`, [objectType, objectId, after[0], after[1], limit]);
  for (;;) {
    if (budget.left === 0) {
      if ((await page(1)).length) budget.truncated = true;
      return out;
    }
    const limit = Math.min(pageSize, budget.left);
    const rows = await page(limit);
    out.push(...rows.map(toAuditRecordView));
    budget.left -= rows.length;
    if (rows.length < limit) return out;
    const last = rows[rows.length - 1];
    after = [last.occurred_at, last.id];
  }
}

/** The cases the person is a subject of, by id, in bounded pages. */
async function casesOf(scope: TenantScope, personId: string, limits: ExportLimits): Promise<{ rows: CaseRow[]; truncated: boolean }> {
  const rows: CaseRow[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const limit = Math.min(limits.pageSize, limits.cases - rows.length + 1);
    const page = await scope.query<CaseRow>(
      `SELECT c.id, c.reference, c.chain, c.case_type, c.state, c.confidentiality, c.registered_at,
              array_agg(s.role ORDER BY s.role) AS roles
       FROM case_subjects s JOIN cases c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
       WHERE s.person_id = $1 AND s.case_id > $2::uuid
       GROUP BY c.id ORDER BY c.id LIMIT $3`, [personId, after, limit]);
    rows.push(...page);
    if (rows.length > limits.cases) return { rows: rows.slice(0, limits.cases), truncated: true };
    if (page.length < limit) return { rows, truncated: false };
    after = page[page.length - 1].id;
  }
}

/**
 * Everything recorded about one person (GDPR art. 15): the person, the cases they are a subject
 * of, and the audit records of both. Every case is listed whatever its confidentiality: what may
 * be withheld (an ongoing investigation, another person's data) is the controller's decision, made
 * on the complete picture. Undefined when the tenant holds no such person.
 */
export async function subjectAccessExport(scope: TenantScope, cipher: FieldCipher, personId: string, limits: ExportLimits = EXPORT_LIMITS) {
  const [person] = await scope.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM persons WHERE id = $1`, [personId]);
  if (!person) return undefined;
  const budget = new Budget(limits.records);
  const personAuditRecords = await recordsAbout(scope, 'person', personId, budget, limits.pageSize);
  const cases = await casesOf(scope, personId, limits);
  const caseAuditRecords: AuditRecordView[] = [];
  for (const c of cases.rows) caseAuditRecords.push(...await recordsAbout(scope, 'case', c.id, budget, limits.pageSize));
  return {
    format: 'ketenhuis.subject-access-export.v1',
    exportedAt: new Date().toISOString(),
    tenant: { id: scope.tenantId, slug: scope.tenantSlug },
    person: toPersonView(person, identifierReader, cipher, scope.tenantId),
    cases: cases.rows.map((c) => ({
      id: c.id, reference: c.reference, chain: c.chain, caseType: c.case_type, state: c.state,
      confidentiality: c.confidentiality, registeredAt: c.registered_at, roles: c.roles,
    })),
    personAuditRecords,
    caseAuditRecords,
    recordCount: personAuditRecords.length + caseAuditRecords.length,
    recordLimit: limits.records,
    truncated: budget.truncated || cases.truncated,
  };
}
