import { formatKbo, parseKbo } from './kbo';

// Synthetic enterprise numbers. Check digits: 97 - (first 8 digits mod 97), worked by hand:
//   01234567 = 97 * 12727 + 48 -> 97 - 48 = 49   => 0123456749
//   04031727 = 97 * 41564 + 19 -> 97 - 19 = 78   => 0403172778
const A = '0123456749';
const B = '0403172778';

function withCheck(eight: string): string {
  return eight + String(97 - (Number(eight) % 97)).padStart(2, '0');
}

describe('parseKbo accepts', () => {
  it.each([
    ['plain digits', A, A],
    ['the KBO form', '0123.456.749', A],
    ['a VAT number', 'BE0123456749', A],
    ['a lower-case prefix with spaces', 'be 0123 456 749', A],
    ['a prefix with dots', 'BE0403.172.778', B],
    ['dashes and surrounding white space', ' 0403-172-778 ', B],
    ['a number starting with 1', withCheck('10000001'), withCheck('10000001')],
    // 97 divides 00000097, so the remainder is 0 and the check is 97 rather than 00.
    ['a check of 97', withCheck('00000097'), '0000009797'],
  ])('%s', (_label, input, digits) => {
    expect(parseKbo(input)).toEqual({ ok: true, value: digits });
  });
});

describe('parseKbo refuses', () => {
  it.each([
    ['a wrong check', '0123456748', 'check digits do not match'],
    ['swapped digits', '0213456749', 'check digits do not match'],
    ['a check of 00', '0000009700', 'check digits do not match'],
    ['an establishment unit number (starts with 2)', withCheck('21234567'), 'must start with 0 or 1'],
    ['9 digits', '123456749', 'must be 10 digits, optionally prefixed BE (separators . - and space allowed)'],
    ['11 digits', '01234567490', 'must be 10 digits, optionally prefixed BE (separators . - and space allowed)'],
    ['the empty string', '', 'must be 10 digits, optionally prefixed BE (separators . - and space allowed)'],
    ['a prefix only', 'BE', 'must be 10 digits, optionally prefixed BE (separators . - and space allowed)'],
    ['another country prefix', 'NL0123456749', 'may contain only digits, a leading BE and the separators . - and space'],
    ['a letter inside', '0123A56749', 'may contain only digits, a leading BE and the separators . - and space'],
    ['a slash', '0123/456/749', 'may contain only digits, a leading BE and the separators . - and space'],
    ['BE in the middle', '0123BE456749', 'may contain only digits, a leading BE and the separators . - and space'],
  ])('%s', (_label, input, reason) => {
    expect(parseKbo(input)).toEqual({ ok: false, reason });
  });
});

describe('formatKbo', () => {
  it('prints 0123.456.749 from any accepted form', () => {
    expect(formatKbo(A)).toBe('0123.456.749');
    expect(formatKbo('BE 0403 172 778')).toBe('0403.172.778');
  });

  it('refuses anything but 10 digits', () => {
    expect(() => formatKbo('123456749')).toThrow(new RangeError('an enterprise number has exactly 10 digits'));
  });
});
