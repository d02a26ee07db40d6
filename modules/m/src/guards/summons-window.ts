import type { WorkflowGuard } from '@ketenhuis/sdk';
import { addCalendarDuration, dayInBrussels, dayOfInput } from '../calendar';

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
export const summonsWindow: WorkflowGuard = ({ input, now }) => {
  const day = dayOfInput(input.summonsHearingDate);
  if (!day) return { field: 'summonsHearingDate', detail: 'must be the date and time of the court hearing' };
  const today = dayInBrussels(now);
  const earliest = addCalendarDuration(today, SUMMONS_WINDOW.earliest);
  const latest = addCalendarDuration(today, SUMMONS_WINDOW.latest);
  if (day < earliest || day > latest) {
    return { field: 'summonsHearingDate', detail: `must lie between ${earliest} and ${latest} (art. 216quater Sv.: between ten days and two months from the summons)` };
  }
  return true;
};
