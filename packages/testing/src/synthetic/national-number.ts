import { pick, randomInt, type Rng } from './prng';

export interface SyntheticNationalNumberOptions {
  /** Defaults to a year between 1930 and last year. */
  birthYear?: number;
  /** Defaults to either. Ignored for a BIS number issued with the sex unknown. */
  sex?: 'M' | 'F';
  /** A BIS number: `true` or 'sex-known' adds 40 to the month, 'sex-unknown' adds 20. */
  bis?: boolean | 'sex-known' | 'sex-unknown';
  /** Day `00`, as the register writes a birth day nobody knows. */
  unknownDay?: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (m: number, y: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/**
 * A valid, made-up national number (11 digits, no separators). The check digits are computed
 * here from the published rule rather than borrowed from the parser, so the parser's tests
 * against these numbers check two independent readings of the rule.
 */
export function syntheticNationalNumber(rng: Rng, opts: SyntheticNationalNumberOptions = {}): string {
  const lastYear = new Date().getUTCFullYear() - 1;
  const year = opts.birthYear ?? randomInt(rng, 1930, lastYear);
  if (!Number.isInteger(year) || year < 1900 || year > lastYear) throw new RangeError(`birthYear must be between 1900 and ${lastYear}`);
  const month = randomInt(rng, 1, 12);
  const day = opts.unknownDay ? 0 : randomInt(rng, 1, daysIn(month, year));
  const bis = opts.bis === true ? 'sex-known' : opts.bis || undefined;
  const offset = bis === 'sex-known' ? 40 : bis === 'sex-unknown' ? 20 : 0;
  const sex = opts.sex ?? pick(rng, ['M', 'F'] as const);
  // Men get odd counters 001-997, women even ones 002-998.
  const serial = 2 * randomInt(rng, 0, 498) + (sex === 'M' ? 1 : 2);
  const nine = `${pad(year % 100)}${pad(month + offset)}${pad(day)}${pad(serial, 3)}`;
  const base = Number(year >= 2000 ? `2${nine}` : nine);
  return `${nine}${pad(97 - (base % 97))}`;
}
