import type { NotifyTarget, TenantScope } from '@ketenhuis/sdk';
import { visibleCaseSql } from '../cases/case-access';

export interface Recipient {
  organisationId: string;
  /** Only the organisation's users acting in this function are told; null: all of them. */
  function: string | null;
}

interface CaseOf { id: string }

/**
 * Who a deadline tells: per target, the organisations taking part in the case, narrowed to the
 * target's organisation type; the type `parket` also reaches any parket that sees the case by
 * core's visibility rule (the parket of its chain, not for a strikt-vertrouwelijk case). Explicitly
 * named organisations are told as well; with neither targets nor named organisations, every
 * participant is.
 */
export async function recipientsOf(scope: TenantScope, c: CaseOf, targets: NotifyTarget[], extraOrganisationIds: string[]): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  const add = (r: Recipient) => out.set(`${r.organisationId}/${r.function ?? ''}`, r);
  // The participants are the default audience only when nobody is named at all: a referral's
  // deadline names the sending and receiving organisations and concerns them alone.
  const audience: NotifyTarget[] = targets.length ? targets : extraOrganisationIds.length ? [] : [{}];
  for (const t of audience) {
    const orgs = await scope.query<{ id: string }>(
      `SELECT o.id FROM organisations o JOIN cases c ON c.id = $1
       WHERE ($2::text IS NULL OR o.type = $2)
         AND (EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = $1 AND p.organisation_id = o.id)
           OR ($2 = 'parket' AND ${visibleCaseSql('o.id', "''")}))
       ORDER BY o.id`, [c.id, t.organisationType ?? null]);
    for (const o of orgs) add({ organisationId: o.id, function: t.function ?? null });
  }
  for (const id of extraOrganisationIds) add({ organisationId: id, function: null });
  return [...out.values()];
}
