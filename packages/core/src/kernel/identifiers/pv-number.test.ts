import { compileReferencePattern, InvalidReferencePatternError, matchesPattern, MAX_REFERENCE_LENGTH, normalizeReference } from './pv-number';

// Illustrative formats only: real PV and notitienummer grammars are not public.
const PV_PATTERN = String.raw`[A-Z]{2}\.\d{2}\.[A-Z]\d\.\d{6}/\d{4}`;

describe('normalizeReference', () => {
  it.each([
    ['ha.55.l1.012345/2026', 'HA55L10123452026'],
    ['HA 55 L1 012345 / 2026', 'HA55L10123452026'],
    ['HA-55-L1-012345-2026', 'HA55L10123452026'],
    ['HA\u201355\u2014L1\\012345\t2026', 'HA55L10123452026'], // typographic dashes, backslash, tab
    ['\uFF28\uFF21 55', 'HA55'], // full-width letters fold to ASCII
    ['  ', ''],
  ])('%j -> %j', (input, key) => {
    expect(normalizeReference(input)).toBe(key);
  });
});

describe('compileReferencePattern', () => {
  it('anchors the pattern so it must describe the whole reference', () => {
    const result = compileReferencePattern(String.raw`\d{3}`);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.test('123')).toBe(true);
    expect(result.value.test('x123')).toBe(false);
    expect(result.value.test('1234')).toBe(false);
    // Alternation must not slip out of the anchors.
    const alt = compileReferencePattern('AB|CD');
    expect(alt.ok && alt.value.test('ABX')).toBe(false);
  });

  it.each([
    ['', 'pattern is empty'],
    ['x'.repeat(201), 'pattern is longer than 200 characters'],
    ['[A-Z', 'pattern is not a valid regular expression'],
    ['a)|(b', 'pattern is not a valid regular expression'],
    [String.raw`\ `, 'pattern is not a valid regular expression'], // Unicode mode refuses needless escapes
    ['(a+)+b', 'pattern may not repeat a group that holds alternatives or variable repeats'],
    ['(a|ab)*c', 'pattern may not repeat a group that holds alternatives or variable repeats'],
    ['((ab)?){2}', 'pattern may not repeat a group that holds alternatives or variable repeats'],
    [String.raw`(a)\1`, 'pattern may not use backreferences'],
    [String.raw`(?<x>a)\k<x>`, 'pattern may not use backreferences'],
    ['(?=a)a', 'pattern may not use lookahead or lookbehind'],
    ['(?<!a)b', 'pattern may not use lookahead or lookbehind'],
    [String.raw`\d*\d*\d*x`, 'pattern is too ambiguous to match safely; use bounded repeats such as {1,10} instead of + or *'],
  ])('refuses %j', (pattern, reason) => {
    expect(compileReferencePattern(pattern)).toEqual({ ok: false, reason });
  });

  it.each([
    PV_PATTERN,
    String.raw`[A-Z]{2}\.?\d{2}\.?[A-Z]\d\.?\d{6}/\d{2,4}`,
    String.raw`(?:HA|BR|AN)\.\d+/\d+`,
    String.raw`(?<zone>\d{4})-(\d{2}\.){3}\d{1,6}`,
    String.raw`[\p{Lu}]{2}\u{2E}\d{1,10}`,
    '^AB[-/]?\\d{1,8}$',
  ])('accepts %j', (pattern) => {
    expect(compileReferencePattern(pattern).ok).toBe(true);
  });
});

describe('matchesPattern', () => {
  it('checks a reference as typed, ignoring surrounding white space', () => {
    expect(matchesPattern(' HA.55.L1.012345/2026 ', PV_PATTERN)).toBe(true);
    expect(matchesPattern('HA55L10123452026', PV_PATTERN)).toBe(false);
    expect(matchesPattern('ha.55.l1.012345/2026', PV_PATTERN)).toBe(false);
  });

  it('refuses references beyond the length bound whatever the pattern', () => {
    expect(matchesPattern('A'.repeat(MAX_REFERENCE_LENGTH), 'A+')).toBe(true);
    expect(matchesPattern('A'.repeat(MAX_REFERENCE_LENGTH + 1), 'A+')).toBe(false);
  });

  it('throws a typed error for a pattern that should never have been saved', () => {
    expect(() => matchesPattern('x', '(a+)+')).toThrow(InvalidReferencePatternError);
    expect(() => matchesPattern('x', '[')).toThrow('invalid reference pattern: pattern is not a valid regular expression');
  });
});
