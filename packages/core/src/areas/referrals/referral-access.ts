import { notFound, type ReferralState, type TenantScope } from '@ketenhuis/sdk';
import { visibleCaseSql, type Viewer } from '../cases/case-access';
import { UUID } from '../../kernel/values/uuid';

export interface ReferralRow {
  id: string;
  case_id: string;
  chain: string;
  type: string;
  sending_organisation_id: string | null;
  sending_subject: string;
  receiving_organisation_id: string;
  state: ReferralState;
  reason: string | null;
  sent_at: Date;
  received_at: Date | null;
  accepted_at: Date | null;
  refused_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  failed_at: Date | null;
  version: number;
}

export const REFERRAL_COLUMNS = `r.id, r.case_id, r.chain, r.type, r.sending_organisation_id, r.sending_subject, r.receiving_organisation_id,
  r.state, r.reason, r.sent_at, r.received_at, r.accepted_at, r.refused_at, r.started_at, r.completed_at, r.failed_at, r.version`;

/**
 * Who sees a referral (alias `r`): its receiving organisation, and whoever sees its case. The
 * receiver does not see the case through it (ADR 0007); any other organisation sees neither.
 * `$org` and `$subject` are the viewer's parameter numbers, as in visibleCaseSql.
 */
export function visibleReferralSql(org: number, subject: number): string {
  return `(
    r.receiving_organisation_id = $${org}::uuid
    OR EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = r.tenant_id AND c.id = r.case_id AND ${visibleCaseSql(org, subject)})
  )`;
}

/** The referral if the viewer may see it; anything else is answered as one that does not exist. */
export async function requireVisibleReferral(scope: TenantScope, viewer: Viewer, id: string): Promise<ReferralRow> {
  const [row] = UUID.test(id) ? await scope.query<ReferralRow>(
    `SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1 AND ${visibleReferralSql(2, 3)}`,
    [id, viewer.organisationId, viewer.subject]) : [];
  if (!row) throw notFound();
  return row;
}
