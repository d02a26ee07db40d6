import { TOKENS, type WorkflowGuard } from '@ketenhuis/sdk';

/**
 * Art. 216quater §1 Sv.: the person summoned by PV appears within a term "niet korter dan tien
 * dagen, noch langer dan twee maanden". The law is the source; these are its defaults as data
 * (verify whether the day of appearance itself counts towards the ten days).
 */
export const SUMMONS_WINDOW = { earliest: 'P10D', latest: 'P2M' } as const;

/**
 * The court hearing a summons by PV names lies between ten days and two months from today (in
 * Brussels, by the platform clock), both ends included; otherwise the summons would be void.
 */
export const summonsWindow: WorkflowGuard = ({ input, now }, scope) => {
  const calendar = scope.resolve(TOKENS.Calendar);
  const day = calendar.dayOfInput(input.summonsHearingDate);
  if (!day) return { field: 'summonsHearingDate', detail: 'must be the date and time of the court hearing' };
  const today = calendar.dayOf(now);
  const earliest = calendar.addToDay(today, SUMMONS_WINDOW.earliest);
  const latest = calendar.addToDay(today, SUMMONS_WINDOW.latest);
  if (day < earliest || day > latest) {
    return { field: 'summonsHearingDate', detail: `must lie between ${earliest} and ${latest} (art. 216quater Sv.: between ten days and two months from the summons)` };
  }
  return true;
};
