import { TOKENS, type WorkflowGuard } from '@ketenhuis/sdk';

/**
 * A date the action plans (a hearing, a payment term) may be today but not before: a typo in
 * the year would otherwise start clocks that expired long ago. Compared by Brussels calendar
 * day, so a hearing earlier today can still be recorded.
 */
function notBeforeToday(field: string, what: string): WorkflowGuard {
  return ({ input, now }, scope) => {
    const calendar = scope.resolve(TOKENS.Calendar);
    const day = calendar.dayOfInput(input[field]);
    if (!day) return { field, detail: `must be the ${what}` };
    const today = calendar.dayOf(now);
    return day >= today || { field, detail: `must not lie before today (${today})` };
  };
}

export const hearingNotInThePast = notBeforeToday('hearingDate', 'date and time of the hearing');
export const paymentDueNotInThePast = notBeforeToday('paymentDueDate', 'payment due date');
