import type { ReferralState, ReferralTypeDefinition, TenantScope } from '@ketenhuis/sdk';
import { startDeadline, stopDeadlines } from '../deadlines';
import { referralKey } from '../deadlines/deadline-settings';
import type { ReferralRow } from './referral-access';
import { WAITING_FOR, deadlineTitle } from '../../kernel/values/referral-states';

/**
 * Starts the deadline of the state the referral just reached, if its type sets one. The
 * receiver is the one expected to act; the sender is told too, as it has to chase.
 */
export async function startReferralDeadline(scope: TenantScope, row: ReferralRow, type: ReferralTypeDefinition | undefined, state: ReferralState, at: Date): Promise<void> {
  const duration = type?.deadlines?.[state as keyof NonNullable<ReferralTypeDefinition['deadlines']>];
  if (!type || !duration || !WAITING_FOR[state]) return;
  // One source per type and state; a district configures the duration under the same key.
  const source = referralKey(row.type, state);
  await startDeadline(scope, {
    caseId: row.case_id, referralId: row.id, source, settingKey: source, title: deadlineTitle(type, state), duration, startsAt: at,
    onExpiry: 'notify', notifyOrganisationIds: [...new Set([row.receiving_organisation_id, ...(row.sending_organisation_id ? [row.sending_organisation_id] : [])])],
  });
}

/**
 * Stops the deadline of the state the referral leaves: the receiver acted. Asked whether or not
 * the type (as installed now) sets one, so a deadline started under an older definition stops too.
 */
export async function stopReferralDeadline(scope: TenantScope, row: ReferralRow, state: ReferralState): Promise<void> {
  await stopDeadlines(scope, { referralId: row.id, sources: [referralKey(row.type, state)] }, 'met');
}
