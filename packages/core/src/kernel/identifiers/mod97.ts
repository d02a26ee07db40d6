/**
 * The modulo-97 check shared by Belgian national numbers and enterprise numbers: the check is
 * 97 minus the remainder, so it runs from 01 to 97 and `00` never validates.
 */
export function mod97Check(digits: string): string {
  // Up to 10 digits (a national number with the 2000s prefix) stay far below 2^53.
  const check = 97 - (Number(digits) % 97);
  return String(check).padStart(2, '0');
}

/** Result of a parser: the value, or a short English reason fit for an API 400. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };
