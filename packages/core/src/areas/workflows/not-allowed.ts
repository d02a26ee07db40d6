import { conflict, type ProblemError } from '@ketenhuis/sdk';

/**
 * A 409 that tells the caller what it can do instead. A case transition and a referral step
 * refuse the same way, so a client handles both alike.
 */
export function notAllowed(detail: string, allowedActions: string[]): ProblemError {
  const err = conflict(detail);
  err.extensions.allowedActions = allowedActions;
  return err;
}
