import type { FieldError } from '@ketenhuis/sdk';
import { isPositiveDuration } from '../../kernel/values/duration';

/** The module id pattern of validate-module: a chain an organisation or protocol takes part in. */
export const MODULE_ID = /^[a-z][a-z0-9-]{0,19}$/;

/** An ISO 8601 duration longer than nothing (P5Y, P18M, P30D): a retention of zero is a typo. */
export const isIsoDuration = (value: string): boolean => isPositiveDuration(value);

/** Checks a list of chain (module) ids; returns them sorted without duplicates, so equal sets compare equal. */
export function checkChains(chains: string[], field: string, errors: FieldError[]): string[] {
  chains.forEach((c, i) => {
    if (!MODULE_ID.test(c)) errors.push({ field: `${field}.${i}`, message: `"${c}" is not a chain module id (lowercase letters, digits and -, at most 20)` });
  });
  return [...new Set(chains)].sort();
}
