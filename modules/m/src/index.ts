import { defineChainModule } from '@ketenhuis/sdk';
import { snelrecht } from './case-types/snelrecht';
import { hearingPlannedHandler } from './events/hearing-planned';
import { referralOutcomeHandlers } from './events/referral-outcomes';
import { guards } from './guards';
import { dashboardRoute } from './http/dashboard';
import { mOpenApi } from './http/openapi';
import { hearingRosterQueue, hearingRosterSchedule } from './jobs/hearing-roster';
import { kpis } from './kpis';
import { CHAIN_ID, label } from './labels';
import { MHearingRoster1764600000000 } from './migrations/1764600000000-m-hearing-roster';
import { grants, permissions } from './permissions';
import { referralTypes } from './referral-types';

/**
 * Chain M: fast-track handling of frequent petty crime by adults (snelrecht), as the Limburg
 * parket's section M runs it with the police zones and the justitiehuizen. See README.md.
 */
export const mModule = defineChainModule({
  id: CHAIN_ID,
  title: label('Snelrecht (sectie M)', 'Procédure accélérée (section M)', 'Fast-track petty crime (section M)'),
  version: '0.1.0',
  permissions,
  grants,
  caseTypes: [snelrecht],
  guards,
  referralTypes,
  kpis,
  queues: [hearingRosterQueue],
  schedules: [hearingRosterSchedule],
  eventHandlers: [...referralOutcomeHandlers, hearingPlannedHandler],
  routes: { openapi: mOpenApi, handlers: [dashboardRoute] },
  migrations: [MHearingRoster1764600000000],
});

export default mModule;

export { S as SNELRECHT_STATES, OUTCOME_STATES } from './case-types/snelrecht';
export { M_PERMISSIONS } from './permissions';
export { REFERRAL_TYPES } from './referral-types';
export { SUMMONS_WINDOW } from './guards/summons-window';
