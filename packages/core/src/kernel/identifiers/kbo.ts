import { mod97Check, type ParseResult } from './mod97';

const LENGTH_REASON = 'must be 10 digits, optionally prefixed BE (separators . - and space allowed)';

/**
 * Reads an enterprise (KBO/BCE) number as found on letterheads and VAT numbers: `0123.456.749`,
 * `BE0123456749`, `BE 0123 456 749`. The value is the 10 plain digits.
 */
export function parseKbo(input: string): ParseResult<string> {
  if (typeof input !== 'string') return { ok: false, reason: LENGTH_REASON };
  // The VAT number is the enterprise number behind a country prefix, so people paste either.
  const withoutPrefix = input.trim().replace(/^BE/i, '');
  if (!/^[0-9. -]*$/.test(withoutPrefix)) return { ok: false, reason: 'may contain only digits, a leading BE and the separators . - and space' };
  const digits = withoutPrefix.replace(/[. -]/g, '');
  if (digits.length !== 10) return { ok: false, reason: LENGTH_REASON };
  // Enterprise numbers start with 0 or 1; 2-9 belong to establishment units, another register.
  if (digits[0] !== '0' && digits[0] !== '1') return { ok: false, reason: 'must start with 0 or 1' };
  if (mod97Check(digits.slice(0, 8)) !== digits.slice(8)) return { ok: false, reason: 'check digits do not match' };
  return { ok: true, value: digits };
}

/** `0123.456.749`, the form the KBO publishes. Separators and a BE prefix in the input are ignored. */
export function formatKbo(digits: string): string {
  const plain = digits.trim().replace(/^BE/i, '').replace(/[. -]/g, '');
  if (!/^\d{10}$/.test(plain)) throw new RangeError('an enterprise number has exactly 10 digits');
  return `${plain.slice(0, 4)}.${plain.slice(4, 7)}.${plain.slice(7)}`;
}
