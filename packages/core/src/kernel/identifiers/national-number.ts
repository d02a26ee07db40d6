import { mod97Check, type ParseResult } from './mod97';

/**
 * A Belgian national number: a rijksregisternummer (`rrn`) or a BIS number issued by the
 * Crossroads Bank for Social Security to people not in the National Register.
 */
export interface NationalNumber {
  /** The 11 digits without separators: the form to encrypt, blind-index and compare. */
  digits: string;
  kind: 'rrn' | 'bis';
  /** Absent when nothing about the birth date is known (`000001`); parts are absent when unknown. */
  birthDate?: { year: number; month?: number; day?: number };
  /** Absent for a BIS number issued while the sex was unknown (month + 20). */
  sex?: 'M' | 'F';
}

export interface NationalNumberOptions {
  /** The day against which "born in the future" is judged; defaults to now. */
  today?: Date;
}

const LENGTH_REASON = 'must be 11 digits (separators . - and space allowed)';
const CHARACTER_REASON = 'may contain only digits and the separators . - and space';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads a national number as people type it. Reasons name the offending part but never echo
 * the whole number: it is legally restricted and reasons end up in responses and logs.
 */
export function parseNationalNumber(input: string, options: NationalNumberOptions = {}): ParseResult<NationalNumber> {
  if (typeof input !== 'string') return fail(LENGTH_REASON);
  const trimmed = input.trim();
  if (!/^[0-9. -]*$/.test(trimmed)) return fail(CHARACTER_REASON);
  const digits = trimmed.replace(/[. -]/g, '');
  if (digits.length !== 11) return fail(LENGTH_REASON);

  const part = (from: number, to: number): number => Number(digits.slice(from, to));
  const [yy, mm, dd, serial] = [part(0, 2), part(2, 4), part(4, 6), part(6, 9)];

  // BIS numbers add 20 (sex unknown) or 40 (sex known) to the month; the rest of the rules
  // apply to the month once the offset is removed.
  const offset = mm >= 40 ? 40 : mm >= 20 ? 20 : 0;
  const month = mm - offset;
  if (month > 12) return fail(`month ${pad(mm)} does not exist`);
  // Month 00 means the month is unknown (or the day's counter ran out), so any day up to 31 fits.
  const dayLimit = month === 0 ? 31 : daysInMonth(month, 2000 /* leap: 29 February decided below */);
  if (dd > dayLimit) return fail(month === 0 ? `day ${pad(dd)} does not exist` : `day ${pad(dd)} does not exist in ${MONTH_NAMES[month - 1]}`);
  // The National Register issues 001-997 (men) and 002-998 (women); 000 and 999 never exist.
  // The BIS decree is less explicit about its counter, so BIS numbers are not refused on it.
  if (offset === 0 && (serial === 0 || serial === 999)) return fail(`sequence number ${pad(serial, 3)} is never issued`);

  // The check digits tell the century: births from 2000 are checked with a leading 2. Both
  // cannot match, since 2,000,000,000 mod 97 = 68 shifts the remainder, so no tie-break exists.
  const nine = digits.slice(0, 9);
  const check = digits.slice(9);
  const century = mod97Check(nine) === check ? 1900 : mod97Check(`2${nine}`) === check ? 2000 : undefined;
  if (century === undefined) return fail('check digits do not match');
  const year = century + yy;
  if (month === 2 && dd === 29 && !isLeap(year)) return fail(`day 29 does not exist in February ${year}`);

  // 00.00.01 is the register's "nothing known" date: not even the year is real.
  const nothingKnown = yy === 0 && month === 0 && dd === 1;
  const birthDate = nothingKnown
    ? undefined
    : { year, ...(month > 0 ? { month } : {}), ...(dd > 0 ? { day: dd } : {}) };
  // A typo in the check digits can land on the other century's check (about 1 in 96); a birth
  // in the future is the tell.
  if (birthDate && isFuture(birthDate, options.today ?? new Date())) return fail('birth date lies in the future');

  const sex = offset === 20 ? undefined : serial % 2 === 1 ? 'M' : 'F';
  return { ok: true, value: { digits, kind: offset === 0 ? 'rrn' : 'bis', ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) } };
}

/** Compares only the known parts; a day of slack absorbs the gap between UTC and Belgian time. */
function isFuture(date: { year: number; month?: number; day?: number }, today: Date): boolean {
  const limit = new Date(today.getTime() + 24 * 60 * 60 * 1000);
  const [y, m, d] = [limit.getUTCFullYear(), limit.getUTCMonth() + 1, limit.getUTCDate()];
  if (date.year !== y) return date.year > y;
  if (date.month === undefined || date.month !== m) return (date.month ?? 0) > m;
  return (date.day ?? 0) > d;
}

/** `YY.MM.DD-SSS.CC`, the way the identity card prints it. Separators in the input are ignored. */
export function formatNationalNumber(digits: string): string {
  const plain = digits.replace(/[. -]/g, '');
  if (!/^\d{11}$/.test(plain)) throw new RangeError('a national number has exactly 11 digits');
  return `${plain.slice(0, 2)}.${plain.slice(2, 4)}.${plain.slice(4, 6)}-${plain.slice(6, 9)}.${plain.slice(9)}`;
}
