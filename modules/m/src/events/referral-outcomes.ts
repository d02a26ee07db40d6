import { TOKENS, type EventHandlerDefinition, type ReferralEventPayload, type ReferralState, type TenantScope } from '@ketenhuis/sdk';
import { S, type SnelrechtAction } from '../case-types/snelrecht';
import { CHAIN_ID } from '../labels';
import { REFERRAL_TYPES } from '../referral-types';

type Outcome = Extract<ReferralState, 'started' | 'completed' | 'failed' | 'refused'>;

/**
 * What the platform does on the case when the justitiehuis reports on a mediation-and-measures
 * referral, given where the case stands now. Empty when nothing applies: the case moved on
 * already (a person acted, or the same news came twice), so every handler is idempotent by state.
 *
 * A completion seen before its start (events are not ordered) takes both steps. Werkstraf and
 * probation referrals follow a judgment; their outcome is recorded by a person.
 */
export function stepsFor(outcome: Outcome, state: string): SnelrechtAction[] {
  const inMeasure = state === S.bemiddeling;
  const followingUp = state === S.opvolging;
  switch (outcome) {
    case 'started': return inMeasure ? ['start-maatregel'] : [];
    case 'completed': return followingUp ? ['stel-naleving-vast'] : inMeasure ? ['start-maatregel', 'stel-naleving-vast'] : [];
    // No summons date can be invented for the person: the magistrate decides what follows.
    case 'failed': return followingUp || inMeasure ? ['leg-voor-aan-magistraat'] : [];
    case 'refused': return inMeasure ? ['leg-voor-aan-magistraat'] : [];
  }
}

async function onReferral(outcome: Outcome, payload: ReferralEventPayload, scope: TenantScope): Promise<void> {
  if (payload.chain !== CHAIN_ID || payload.type !== REFERRAL_TYPES.bemiddeling) return;
  const found = await scope.resolve(TOKENS.Cases).get(scope, payload.caseId);
  if (!found || found.chain !== CHAIN_ID) return;
  const workflows = scope.resolve(TOKENS.Workflows);
  for (const action of stepsFor(outcome, found.state)) await workflows.transition(scope, found.id, action);
}

const handler = (outcome: Outcome): EventHandlerDefinition<`core.referral-${Outcome}`> => ({
  id: `m.referral-${outcome}`,
  eventType: `core.referral-${outcome}`,
  handle: (event, scope) => onReferral(outcome, event.payload, scope),
});

export const referralOutcomeHandlers: EventHandlerDefinition[] = [handler('started'), handler('completed'), handler('failed'), handler('refused')];
