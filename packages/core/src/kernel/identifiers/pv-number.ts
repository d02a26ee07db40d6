import type { ParseResult } from './mod97';
import { MAX_PATTERN_LENGTH, unsafePatternReason } from './regex-safety';

/**
 * PV numbers (police reports, holding the police zone code) and notitienummers (the parket's
 * case numbers) have no public grammar: they are kept as typed, checked against a per-tenant
 * pattern, and found through a normalised search key.
 */

/** References longer than this are refused: it bounds the work any tenant pattern can cause. */
export const MAX_REFERENCE_LENGTH = 64;

/**
 * The search key: the same reference typed as `ha.55.l1 012345/2023` or `HA55L1-012345-2023`
 * yields one key. Compatibility forms (full-width digits, typographic dashes) fold first.
 */
export function normalizeReference(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-\u2010-\u2015\u2212/\\]/gu, '');
}

export class InvalidReferencePatternError extends Error {
  constructor(readonly reason: string) {
    super(`invalid reference pattern: ${reason}`);
    this.name = 'InvalidReferencePatternError';
  }
}

/**
 * Validates a tenant's pattern (a JavaScript regular expression in Unicode mode) and anchors it
 * so it must describe the whole reference. Use it when the pattern is saved, to answer a 400.
 */
export function compileReferencePattern(pattern: string): ParseResult<RegExp> {
  if (typeof pattern !== 'string' || pattern.length === 0) return { ok: false, reason: 'pattern is empty' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  let regex: RegExp;
  try {
    // Compiled alone first: `a)|(b` only compiles once wrapped, and would escape the anchors.
    new RegExp(pattern, 'u');
    // Own anchors inside the group stay harmless; the outer ones stop partial matches.
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return { ok: false, reason: 'pattern is not a valid regular expression' };
  }
  const unsafe = unsafePatternReason(pattern, MAX_REFERENCE_LENGTH);
  return unsafe ? { ok: false, reason: unsafe } : { ok: true, value: regex };
}

// Patterns come from tenant settings, so a handful recur on every call.
const compiled = new Map<string, RegExp>();
const CACHE_SIZE = 200;

/**
 * Whether a reference, as typed (surrounding white space ignored), fits the tenant's pattern.
 * Throws InvalidReferencePatternError for a pattern that should never have been saved.
 */
export function matchesPattern(value: string, pattern: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const result = compileReferencePattern(pattern);
    if (!result.ok) throw new InvalidReferencePatternError(result.reason);
    regex = result.value;
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, regex);
  }
  const trimmed = value.trim();
  return trimmed.length <= MAX_REFERENCE_LENGTH && regex.test(trimmed);
}
