import type { EventHandlerDefinition } from '@ketenhuis/sdk';
import { refreshHearingRosterOf } from '../jobs/hearing-roster';
import type { SnelrechtAction } from '../case-types/snelrecht';
import { CHAIN_ID } from '../labels';

/** The actions that set a hearing date on a case. */
const PLANNING_ACTIONS = new Set<string>(['plan-hoorzitting', 'beslis-oproeping'] satisfies SnelrechtAction[]);

/** Keeps the roster current between its weekly runs when a hearing is planned. */
export const hearingPlannedHandler: EventHandlerDefinition<'core.case-transitioned'> = {
  id: 'm.hearing-roster.on-hearing-planned',
  eventType: 'core.case-transitioned',
  async handle(event, scope) {
    if (event.payload.chain !== CHAIN_ID || !PLANNING_ACTIONS.has(event.payload.action)) return;
    await refreshHearingRosterOf(scope, event.aggregateId);
  },
};
