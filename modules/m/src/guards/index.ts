import type { WorkflowGuard } from '@ketenhuis/sdk';
import { hearingNotInThePast, paymentDueNotInThePast } from './not-in-the-past';
import { summonsWindow } from './summons-window';

/** The guards chain M's transitions name, by name. */
export const GUARDS = {
  summonsWindow: 'oproepingstermijn-216quater',
  hearingNotInThePast: 'hoorzitting-niet-in-het-verleden',
  paymentDueNotInThePast: 'betaaldatum-niet-in-het-verleden',
} as const;

export const guards: Record<string, WorkflowGuard> = {
  [GUARDS.summonsWindow]: summonsWindow,
  [GUARDS.hearingNotInThePast]: hearingNotInThePast,
  [GUARDS.paymentDueNotInThePast]: paymentDueNotInThePast,
};
