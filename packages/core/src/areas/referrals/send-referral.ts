import { TOKENS, badRequest, conflict, type Actor, type TenantScope } from '@ketenhuis/sdk';
import type { CaseRow } from '../cases/case-access';
import { notify } from '../notifications/notify';
import { REFERRAL_COLUMNS, type ReferralRow } from './referral-access';
import { startReferralDeadline } from './referral-deadlines';
import { referralTypeOf } from './referral-types';
import { recordStep } from './record-step';
import type { ExistsRow } from '../../kernel/db/rows';

export interface ReferralInput {
  type: string;
  organisationId: string;
  note?: string;
}

const isBlank = (v: string | undefined) => v !== undefined && v.trim() === '';

/**
 * The receiver must be an organisation of the district of a type the referral type goes to.
 * One answer for an organisation that does not exist and one of another district (RLS hides it).
 */
async function checkReceiver(scope: TenantScope, organisationId: string, receiverTypes: string[]): Promise<void> {
  const [org] = await scope.query<{ type: string; merged_into_id: string | null }>(
    'SELECT type, merged_into_id FROM organisations WHERE id = $1', [organisationId]);
  if (!org) throw badRequest('body.organisationId', 'is not an organisation of this district');
  if (!receiverTypes.includes(org.type)) throw badRequest('body.organisationId', `is a ${org.type}; this referral type goes to: ${receiverTypes.join(', ')}`);
  if (org.merged_into_id) throw badRequest('body.organisationId', 'was merged into another organisation; refer to that one');
}

/**
 * Sends a referral of the case, in the caller's transaction: the referral in state `sent`, its
 * first step, a timeline entry, the outbox event, a notification to the receiving organisation
 * and the deadline of `sent`. The receiver does not become a participant of the case.
 */
export async function sendReferral(scope: TenantScope, actor: Actor, c: CaseRow, input: ReferralInput): Promise<ReferralRow> {
  const found = referralTypeOf(scope, input.type);
  if (!found || found.moduleId !== c.chain) throw badRequest('body.type', `is not a referral type of the chain "${c.chain}"`);
  if (isBlank(input.note)) throw badRequest('body.note', 'must not be blank');
  await checkReceiver(scope, input.organisationId, found.type.receiverTypes);
  // A chain the district switched off keeps its cases readable but frozen (as its workflow does).
  const [enabled] = await scope.query<ExistsRow>('SELECT 1 FROM tenant_modules WHERE module_id = $1', [c.chain]);
  if (!enabled) throw conflict(`The chain "${c.chain}" is not enabled in this district; its cases cannot refer`);

  const at = scope.resolve(TOKENS.Clock).now();
  const [row] = await scope.query<ReferralRow>(
    `INSERT INTO referrals AS r (tenant_id, case_id, chain, type, sending_organisation_id, sending_subject, receiving_organisation_id, state, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8) RETURNING ${REFERRAL_COLUMNS}`,
    [scope.tenantId, c.id, c.chain, found.type.id, actor.organisationId ?? null, actor.subject, input.organisationId, at]);
  await recordStep(scope, actor, row, { action: 'send', from: null, at, note: input.note });
  // Ids only: the organisation reaches the case data through the referral, as its type allows.
  await notify(scope, {
    kind: 'referral-received', organisationId: row.receiving_organisation_id, referralId: row.id,
    title: {
      nl: `Nieuwe doorverwijzing: ${found.type.title.nl}`,
      fr: `Nouvelle orientation : ${found.type.title.fr ?? found.type.title.nl}`,
      en: `New referral: ${found.type.title.en ?? found.type.title.nl}`,
    },
  });
  await startReferralDeadline(scope, row, found.type, 'sent', at);
  return row;
}
