import type { SharedCaseData, TenantScope } from '@ketenhuis/sdk';
import { referencesOf, referenceView } from '../cases/external-references';

export interface SharedCase {
  reference?: string;
  state?: string;
  externalReferences?: ReturnType<typeof referenceView>[];
  subjects?: Array<{ personId: string; role: string }>;
  fields?: Record<string, unknown>;
}

/**
 * The part of a case a referral's type names, and nothing else: what the receiving organisation
 * needs to carry out the referral, read without its seeing the case (ADR 0007). Subjects are
 * persons' ids and roles; their names are the person registry's to give, under its permission.
 */
export async function sharedCaseData(scope: TenantScope, caseId: string, names: readonly SharedCaseData[]): Promise<SharedCase> {
  const out: SharedCase = {};
  if (!names.length) return out;
  const [c] = await scope.query<{ reference: string; state: string; fields: Record<string, unknown> }>(
    'SELECT reference, state, fields FROM cases WHERE id = $1', [caseId]);
  if (!c) return out;
  const fieldIds = names.filter((n) => n.startsWith('field:')).map((n) => n.slice('field:'.length));
  if (names.includes('reference')) out.reference = c.reference;
  if (names.includes('state')) out.state = c.state;
  if (names.includes('externalReferences')) out.externalReferences = ((await referencesOf(scope, [caseId])).get(caseId) ?? []).map(referenceView);
  if (names.includes('subjects')) {
    out.subjects = (await scope.query<{ person_id: string; role: string }>(
      'SELECT person_id, role FROM case_subjects WHERE case_id = $1 ORDER BY added_at, person_id, role', [caseId]))
      .map((s) => ({ personId: s.person_id, role: s.role }));
  }
  if (fieldIds.length) {
    out.fields = Object.fromEntries(fieldIds.filter((id) => c.fields?.[id] !== undefined).map((id) => [id, c.fields[id]]));
  }
  return out;
}
