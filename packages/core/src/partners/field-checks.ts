import type { FieldError } from '@ketenhuis/sdk';
import { isPositiveDuration } from '../deadlines/duration';

/** The module id pattern of validate-module: a chain an organisation or protocol takes part in. */
export const MODULE_ID = /^[a-z][a-z0-9-]{0,19}$/;

/** An ISO 8601 duration longer than nothing (P5Y, P18M, P30D): a retention of zero is a typo. */
export const isIsoDuration = (value: string): boolean => isPositiveDuration(value);

/** A calendar date `YYYY-MM-DD` that exists (no 30 February, and no year 0, which PostgreSQL has not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks a list of chain (module) ids; returns them sorted without duplicates, so equal sets compare equal. */
export function checkChains(chains: string[], field: string, errors: FieldError[]): string[] {
  chains.forEach((c, i) => {
    if (!MODULE_ID.test(c)) errors.push({ field: `${field}.${i}`, message: `"${c}" is not a chain module id (lowercase letters, digits and -, at most 20)` });
  });
  return [...new Set(chains)].sort();
}
