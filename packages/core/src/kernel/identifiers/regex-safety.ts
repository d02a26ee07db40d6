/**
 * A pattern typed by a tenant administrator runs on the API thread for every reference, so a
 * pattern that backtracks exponentially would stall every tenant. This walks a pattern that
 * already compiled in Unicode mode and refuses the constructs behind catastrophic backtracking:
 * backreferences and lookarounds, repeated groups that are themselves ambiguous, and patterns
 * whose number of ways to split an input (a rough product of the repeat ranges) is too large.
 */
export const MAX_PATTERN_LENGTH = 200;
// About 6 million steps at worst for a 64-character input: a few milliseconds.
const AMBIGUITY_BUDGET = 100_000;

interface Summary {
  /** Rough count of the ways this part can consume input. */
  cost: number;
  /** Holds an alternation or a repeat whose count varies. */
  variable: boolean;
}

class UnsafePattern extends Error {}

class Walker {
  private i = 0;
  constructor(private readonly src: string, private readonly unbounded: number) {}

  run(): void {
    const summary = this.alternation();
    if (this.i < this.src.length) throw new UnsafePattern('has an unmatched closing parenthesis');
    if (summary.cost > AMBIGUITY_BUDGET) {
      throw new UnsafePattern('is too ambiguous to match safely; use bounded repeats such as {1,10} instead of + or *');
    }
  }

  private alternation(): Summary {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return {
      cost: Math.min(branches.reduce((sum, b) => sum + b.cost, 0), AMBIGUITY_BUDGET + 1),
      variable: branches.length > 1 || branches.some((b) => b.variable),
    };
  }

  private sequence(): Summary {
    let cost = 1;
    let variable = false;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      let atomCost = atom.cost;
      if (q) {
        // (a|ab)+ or (a+)+: every repetition can split the input again, which is exponential.
        if (q.max > 1 && atom.variable) throw new UnsafePattern('may not repeat a group that holds alternatives or variable repeats');
        const range = Math.max(1, Math.min(q.max, this.unbounded) - q.min + 1);
        atomCost *= range;
        variable ||= q.min !== q.max;
      }
      variable ||= atom.variable;
      cost = Math.min(cost * atomCost, AMBIGUITY_BUDGET + 1);
    }
    return { cost, variable };
  }

  private atom(): Summary {
    const c = this.src[this.i];
    if (c === '\\') return this.escape();
    if (c === '[') return this.characterClass();
    if (c === '(') return this.group();
    this.i++;
    return { cost: 1, variable: false };
  }

  private escape(): Summary {
    const c = this.src[this.i + 1];
    if (/[1-9]/.test(c) || c === 'k') throw new UnsafePattern('may not use backreferences');
    this.i += 2;
    // \u{...} and \p{...} carry braces that must not read as a quantifier.
    if ((c === 'u' || c === 'p' || c === 'P') && this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
    return { cost: 1, variable: false };
  }

  private characterClass(): Summary {
    this.i++;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      if (this.src[this.i] === '\\') this.escape();
      else this.i++;
    }
    this.i++;
    return { cost: 1, variable: false };
  }

  private group(): Summary {
    this.i++;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?<', this.i) && !/[=!]/.test(this.src[this.i + 2])) this.i = this.src.indexOf('>', this.i) + 1;
    else if (this.src[this.i] === '?') throw new UnsafePattern('may not use lookahead or lookbehind');
    const inner = this.alternation();
    this.i++; // the closing parenthesis
    return inner;
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
      this.i += m[0].length;
    } else return undefined;
    if (this.src[this.i] === '?') this.i++; // lazy: same ambiguity
    return q;
  }
}

/**
 * Returns why the pattern is unsafe, or undefined. `source` must already compile with the `u`
 * flag; `maxInputLength` bounds every input it will see and stands in for unbounded repeats.
 */
export function unsafePatternReason(source: string, maxInputLength: number): string | undefined {
  try {
    new Walker(source, maxInputLength).run();
    return undefined;
  } catch (err) {
    if (err instanceof UnsafePattern) return `pattern ${err.message}`;
    throw err;
  }
}
