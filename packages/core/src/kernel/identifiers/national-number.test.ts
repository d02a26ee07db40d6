import { formatNationalNumber, parseNationalNumber } from './national-number';

// Every number here is synthetic. Check digits follow the rule: 97 - (first 9 digits mod 97),
// with a leading 2 for births from 2000. Two are worked by hand so the rule itself is pinned:
//   850412001 = 97 * 8767134 + 3          -> 97 - 3  = 94  (1985-04-12, counter 001)
//   2030215002 = 97 * 20930051 + 55       -> 97 - 55 = 42  (2003-02-15, counter 002)
const HAND_1985 = '85041200194';
const HAND_2003 = '03021500242';

/** The nine digits plus their check digits for the given century. */
function withCheck(nine: string, century: 1900 | 2000): string {
  const base = Number(century === 2000 ? `2${nine}` : nine);
  return nine + String(97 - (base % 97)).padStart(2, '0');
}
/** The same nine digits with check digits that match neither century. */
function withWrongCheck(nine: string): string {
  const taken = [withCheck(nine, 1900), withCheck(nine, 2000)].map((n) => n.slice(9));
  const wrong = ['01', '02', '03'].find((cc) => !taken.includes(cc))!;
  return nine + wrong;
}

const TODAY = new Date('2026-06-15T12:00:00Z');
const parse = (input: string) => parseNationalNumber(input, { today: TODAY });

describe('parseNationalNumber accepts', () => {
  it.each([
    ['a 1985 birth, hand-computed', HAND_1985, { kind: 'rrn', sex: 'M', birthDate: { year: 1985, month: 4, day: 12 } }],
    ['a 2003 birth, hand-computed', HAND_2003, { kind: 'rrn', sex: 'F', birthDate: { year: 2003, month: 2, day: 15 } }],
    ['a 1985 woman', withCheck('850412002', 1900), { sex: 'F', birthDate: { year: 1985, month: 4, day: 12 } }],
    ['a 2003 man', withCheck('030215001', 2000), { sex: 'M', birthDate: { year: 2003, month: 2, day: 15 } }],
    ['year 00 in the 1900s', withCheck('000101123', 1900), { birthDate: { year: 1900, month: 1, day: 1 } }],
    ['year 00 in the 2000s', withCheck('000101123', 2000), { birthDate: { year: 2000, month: 1, day: 1 } }],
    ['29 February of a leap year (1984)', withCheck('840229011', 1900), { birthDate: { year: 1984, month: 2, day: 29 } }],
    ['29 February 2000 (divisible by 400)', withCheck('000229011', 2000), { birthDate: { year: 2000, month: 2, day: 29 } }],
    ['31 December', withCheck('791231997', 1900), { sex: 'M', birthDate: { year: 1979, month: 12, day: 31 } }],
    ['counter 998, the last for women', withCheck('791231998', 1900), { sex: 'F' }],
    ['an unknown month', withCheck('850012035', 1900), { birthDate: { year: 1985, day: 12 } }],
    ['an unknown day', withCheck('850400035', 1900), { birthDate: { year: 1985, month: 4 } }],
    ['an unknown month and day', withCheck('850000036', 1900), { sex: 'F', birthDate: { year: 1985 } }],
    ['day 31 when the month is unknown', withCheck('850031035', 1900), { birthDate: { year: 1985, day: 31 } }],
    ['000001: nothing known (1900s check)', withCheck('000001045', 1900), { kind: 'rrn', sex: 'M', birthDate: undefined }],
    ['000001: nothing known (2000s check)', withCheck('000001046', 2000), { kind: 'rrn', sex: 'F', birthDate: undefined }],
    ['BIS, sex unknown (+20)', withCheck('852412001', 1900), { kind: 'bis', sex: undefined, birthDate: { year: 1985, month: 4, day: 12 } }],
    ['BIS, sex known (+40), man', withCheck('854412001', 1900), { kind: 'bis', sex: 'M', birthDate: { year: 1985, month: 4, day: 12 } }],
    ['BIS, sex known (+40), woman, 2003', withCheck('034215002', 2000), { kind: 'bis', sex: 'F', birthDate: { year: 2003, month: 2, day: 15 } }],
    ['BIS +20 with unknown month', withCheck('852012001', 1900), { kind: 'bis', birthDate: { year: 1985, day: 12 } }],
    ['BIS +40 with unknown day', withCheck('855200002', 1900), { kind: 'bis', sex: 'F', birthDate: { year: 1985, month: 12 } }],
    ['BIS counter 000 (the BIS decree does not rule it out)', withCheck('854412000', 1900), { kind: 'bis' }],
    ['the identity card form', '85.04.12-001.94', { digits: HAND_1985 }],
    ['spaces', '850412 001 94', { digits: HAND_1985 }],
    ['dashes only', '850412-001-94', { digits: HAND_1985 }],
    ['odd grouping of separators', '8-5.0 4 1.2-0 0 1.9 4', { digits: HAND_1985 }],
    ['surrounding white space', '  85041200194 \n', { digits: HAND_1985 }],
  ])('%s', (_label, input, expected) => {
    const result = parse(input);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.value.digits).toBe(input.replace(/[^0-9]/g, ''));
    // An unknown part is absent, not undefined, so API responses simply leave it out.
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(result.value).not.toHaveProperty(key);
      else expect(result.value).toHaveProperty(key, value);
    }
  });
});

describe('parseNationalNumber refuses', () => {
  it.each([
    ['a wrong check digit', withWrongCheck('850412001'), 'check digits do not match'],
    // A 1990 number whose check digits were mistyped into the 2000s check reads as 2090.
    ['check digits of the other century that put the birth in 2090', withCheck('900101001', 2000), 'birth date lies in the future'],
    ['month 13', withCheck('851312001', 1900), 'month 13 does not exist'],
    ['month 19 (between rrn and BIS +20)', withCheck('851912001', 1900), 'month 19 does not exist'],
    ['month 33 (BIS +20 of 13)', withCheck('853312001', 1900), 'month 33 does not exist'],
    ['month 53 (BIS +40 of 13)', withCheck('855312001', 1900), 'month 53 does not exist'],
    ['month 99', withCheck('859912001', 1900), 'month 99 does not exist'],
    ['31 April', withCheck('850431001', 1900), 'day 31 does not exist in April'],
    ['31 April in a BIS number', withCheck('852431001', 1900), 'day 31 does not exist in April'],
    ['30 February', withCheck('840230001', 1900), 'day 30 does not exist in February'],
    ['29 February of a non-leap year (1985)', withCheck('850229001', 1900), 'day 29 does not exist in February 1985'],
    ['29 February 1900 (divisible by 100)', withCheck('000229001', 1900), 'day 29 does not exist in February 1900'],
    ['day 32', withCheck('850132001', 1900), 'day 32 does not exist in January'],
    ['day 32 with the month unknown', withCheck('850032001', 1900), 'day 32 does not exist'],
    ['counter 000', withCheck('850412000', 1900), 'sequence number 000 is never issued'],
    ['counter 999', withCheck('850412999', 1900), 'sequence number 999 is never issued'],
    ['a birth later than today', withCheck('260701001', 2000), 'birth date lies in the future'],
    ['letters', '85O41200194', 'may contain only digits and the separators . - and space'],
    ['a slash', '85/04/12-001.94', 'may contain only digits and the separators . - and space'],
    ['a tab inside', '850412\t00194', 'may contain only digits and the separators . - and space'],
    ['full-width digits', '８５０４１２００１９４', 'may contain only digits and the separators . - and space'],
    ['10 digits', '8504120019', 'must be 11 digits (separators . - and space allowed)'],
    ['12 digits', '850412001940', 'must be 11 digits (separators . - and space allowed)'],
    ['separators only', '..--  ', 'must be 11 digits (separators . - and space allowed)'],
    ['the empty string', '', 'must be 11 digits (separators . - and space allowed)'],
  ])('%s', (_label, input, reason) => {
    expect(parse(input)).toEqual({ ok: false, reason });
  });

  it('never echoes the number in a reason', () => {
    for (const input of [withWrongCheck('850412001'), withCheck('850431001', 1900), withCheck('850412999', 1900)]) {
      const result = parse(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).not.toContain(input.slice(0, 6));
    }
  });
});

describe('the century and the reference day', () => {
  it('picks the century from the check digits, not from the year digits', () => {
    // 24 read as 1924 or 2024: only the check digits can tell.
    expect(parse(withCheck('240101001', 1900))).toMatchObject({ ok: true, value: { birthDate: { year: 1924 } } });
    expect(parse(withCheck('240101001', 2000))).toMatchObject({ ok: true, value: { birthDate: { year: 2024 } } });
  });

  it('accepts a birth of today and judges only the known parts', () => {
    expect(parse(withCheck('260615001', 2000)).ok).toBe(true);
    expect(parse(withCheck('260600001', 2000)).ok).toBe(true); // June 2026, day unknown
    expect(parse(withCheck('260000001', 2000)).ok).toBe(true); // 2026, month unknown
    expect(parse(withCheck('260700001', 2000))).toEqual({ ok: false, reason: 'birth date lies in the future' });
    expect(parse(withCheck('270000001', 2000))).toEqual({ ok: false, reason: 'birth date lies in the future' });
  });

  it('uses the current date by default', () => {
    const nextYear = (new Date().getUTCFullYear() + 1) % 100;
    const nine = `${String(nextYear).padStart(2, '0')}0101001`;
    expect(parseNationalNumber(withCheck(nine, 2000))).toEqual({ ok: false, reason: 'birth date lies in the future' });
    expect(parseNationalNumber(HAND_2003).ok).toBe(true);
  });
});

describe('formatNationalNumber', () => {
  it('prints YY.MM.DD-SSS.CC', () => {
    expect(formatNationalNumber(HAND_1985)).toBe('85.04.12-001.94');
    expect(formatNationalNumber('850412 001-94')).toBe('85.04.12-001.94');
  });

  it('refuses anything but 11 digits without echoing it', () => {
    expect(() => formatNationalNumber('8504120019')).toThrow(new RangeError('a national number has exactly 11 digits'));
    expect(() => formatNationalNumber('85041200x94')).toThrow(RangeError);
  });
});
