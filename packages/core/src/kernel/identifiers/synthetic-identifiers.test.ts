import { mulberry32, pick, randomInt, syntheticKbo, syntheticName, syntheticNationalNumber, type SyntheticNationalNumberOptions } from '@ketenhuis/testing';
import { parseKbo, parseNationalNumber } from './index';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBe(1000);
    expect(mulberry32(43)()).not.toBe(first[0]);
  });

  it('feeds randomInt over the whole inclusive range', () => {
    const rng = mulberry32(7);
    const seen = new Set(Array.from({ length: 500 }, () => randomInt(rng, 1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('syntheticNationalNumber', () => {
  it('makes 1,000 numbers that the core parser accepts, with the asked-for properties', () => {
    const rng = mulberry32(20260101);
    for (let i = 0; i < 1000; i++) {
      const opts: SyntheticNationalNumberOptions = {
        birthYear: rng() < 0.5 ? randomInt(rng, 1900, 2024) : undefined,
        sex: pick(rng, ['M', 'F', undefined] as const),
        bis: pick(rng, [false, true, 'sex-known', 'sex-unknown'] as const),
        unknownDay: rng() < 0.2,
      };
      const digits = syntheticNationalNumber(rng, opts);
      const parsed = parseNationalNumber(digits);
      if (!parsed.ok) throw new Error(`case ${i} (${JSON.stringify(opts)}) refused: ${parsed.reason}`);
      const { value } = parsed;
      expect(value.digits).toBe(digits);
      expect(value.kind).toBe(opts.bis ? 'bis' : 'rrn');
      if (opts.birthYear) expect(value.birthDate?.year).toBe(opts.birthYear);
      expect(value.birthDate?.day === undefined).toBe(Boolean(opts.unknownDay));
      if (opts.bis === 'sex-unknown') expect(value.sex).toBeUndefined();
      else if (opts.sex) expect(value.sex).toBe(opts.sex);
      else expect(['M', 'F']).toContain(value.sex);
    }
  });

  it('covers both centuries, including 29 February of leap years', () => {
    const rng = mulberry32(3);
    const years = new Set<number>();
    let leapDays = 0;
    for (let i = 0; i < 3000; i++) {
      const parsed = parseNationalNumber(syntheticNationalNumber(rng, { birthYear: pick(rng, [1984, 2000, 2004]) }));
      if (!parsed.ok) throw new Error(parsed.reason);
      years.add(parsed.value.birthDate!.year);
      if (parsed.value.birthDate?.month === 2 && parsed.value.birthDate.day === 29) leapDays++;
    }
    expect([...years].sort()).toEqual([1984, 2000, 2004]);
    expect(leapDays).toBeGreaterThan(0);
  });

  it('is reproducible from the seed', () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    expect(Array.from({ length: 20 }, () => syntheticNationalNumber(a))).toEqual(Array.from({ length: 20 }, () => syntheticNationalNumber(b)));
  });

  it('refuses a birth year it cannot make valid', () => {
    expect(() => syntheticNationalNumber(mulberry32(1), { birthYear: 1899 })).toThrow(RangeError);
    expect(() => syntheticNationalNumber(mulberry32(1), { birthYear: new Date().getUTCFullYear() + 1 })).toThrow(RangeError);
  });
});

describe('syntheticKbo', () => {
  it('makes 1,000 enterprise numbers that the core parser accepts', () => {
    const rng = mulberry32(5);
    const firstDigits = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const kbo = syntheticKbo(rng);
      expect(parseKbo(kbo)).toEqual({ ok: true, value: kbo });
      firstDigits.add(kbo[0]);
    }
    expect([...firstDigits].sort()).toEqual(['0', '1']);
  });
});

describe('syntheticName', () => {
  it('gives a Flemish name matching the asked-for sex', () => {
    const rng = mulberry32(11);
    const name = syntheticName(rng, { sex: 'F' });
    expect(name.sex).toBe('F');
    expect(name.firstName).toMatch(/^\p{Lu}\p{Ll}+$/u);
    expect(name.lastName.length).toBeGreaterThan(1);
    const sexes = new Set(Array.from({ length: 50 }, () => syntheticName(rng).sex));
    expect([...sexes].sort()).toEqual(['F', 'M']);
  });
});
