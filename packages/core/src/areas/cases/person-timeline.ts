import type { TenantScope } from '@ketenhuis/sdk';
import { visibleCaseSql, type Viewer } from './case-access';
import { encodeCursor } from '../../kernel/values/cursor';

interface Row {
  case_id: string;
  reference: string;
  chain: string;
  case_type: string;
  state: string;
  confidentiality: string;
  registered_at: Date;
  at_key: string;
  roles: string[];
  since: Date;
}

/**
 * A person's cases across the chains, oldest first, with the roles the person has in each.
 * Only cases the viewer may see appear: the others are not there, not even as a count.
 */
export async function personTimelinePage(scope: TenantScope, viewer: Viewer, personId: string, page: { limit: number; after?: [string, string] }) {
  const rows = await scope.query<Row>(
    `SELECT c.id AS case_id, c.reference, c.chain, c.case_type, c.state, c.confidentiality, c.registered_at, c.registered_at::text AS at_key,
            array_agg(s.role ORDER BY s.role) AS roles, min(s.added_at) AS since
     FROM case_subjects s JOIN cases c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
     WHERE s.person_id = $3 AND ${visibleCaseSql(1, 2)}
       AND ($4::timestamptz IS NULL OR (c.registered_at, c.id) > ($4::timestamptz, $5::uuid))
     GROUP BY c.id
     ORDER BY c.registered_at, c.id LIMIT $6`,
    [viewer.organisationId, viewer.subject, personId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1]);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r) => ({
      caseId: r.case_id, reference: r.reference, chain: r.chain, caseType: r.case_type, state: r.state,
      confidentiality: r.confidentiality, registeredAt: r.registered_at, roles: r.roles, since: r.since,
    })),
    ...(rows.length > page.limit ? { nextCursor: encodeCursor(last.at_key, last.case_id) } : {}),
  };
}
