import { bodySlots, getAt, removeAt, setAt, slotName, type BodySlot } from './body-slots';
import {
  BODY_LIMIT, hostileDateTimes, hostileDates, hostileIds, hostileNumbers, hostileStrings, hostileUris, invalidJsonBodies, type Hostile,
} from './hostile-values';
import { typesOf, type Schema } from './openapi-operations';
import { mutate, type FuzzContext, type Mutation } from './request-plan';
import { RawJson } from './wire-encoding';

/** One value of each JSON type, to put where the schema wants another. */
const TYPE_SAMPLES: [type: string, value: unknown][] = [
  ['null', null], ['string', 'fuzz'], ['integer', 7], ['number', 7.5], ['boolean', true], ['array', ['fuzz']], ['object', { fuzz: 1 }],
];

function allows(types: string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** Deeply nested arrays, as a raw literal: a document of 5,000 levels is valid JSON all the same. */
const DEEP = new RawJson(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);

/** Values that break one slot, from what its schema says it is. */
function slotValues(slot: BodySlot, current: unknown, ctx: FuzzContext): Hostile<unknown>[] {
  const s: Schema = slot.schema;
  const types = typesOf(s);
  const out: Hostile<unknown>[] = TYPE_SAMPLES.filter(([t]) => !allows(types, t)).map(([t, value]) => ({
    label: `${t} instead of ${types.join('|')}`, value,
    // The issue names null, arrays where objects are expected and objects where arrays are.
    first: t === 'null' || (t === 'array' && types.includes('object')) || (t === 'object' && types.includes('array')),
  }));
  if (types.includes('string')) {
    out.push(...hostileStrings);
    if (typeof s.maxLength === 'number' && s.maxLength < 10_000) out.push({ label: `maxLength + 1 (${s.maxLength + 1})`, value: 'x'.repeat(s.maxLength + 1) });
    if (s.pattern) out.push({ label: 'pattern violated', value: '~!fuzz!~' });
    if (s.enum) out.push({ label: 'a value outside the enum', value: 'fuzz-not-listed', first: true });
    if (s.format === 'uuid') {
      const valid = typeof current === 'string' ? current : '5f0e6a52-3c1d-4e8b-9a7f-2b6c8d4e1f30';
      const foreign = ctx.foreignOf(valid);
      if (foreign) out.push({ label: 'the other district\'s id', value: foreign, first: true });
      out.push(...hostileIds(valid));
    }
    if (s.format === 'date') out.push(...hostileDates);
    if (s.format === 'date-time') out.push(...hostileDateTimes);
    if (s.format === 'uri') out.push(...hostileUris);
  }
  if (types.includes('integer') || types.includes('number')) {
    out.push(...hostileNumbers);
    if (typeof s.minimum === 'number') out.push({ label: `minimum - 1 (${s.minimum - 1})`, value: s.minimum - 1 });
    if (typeof s.maximum === 'number') out.push({ label: `maximum + 1 (${s.maximum + 1})`, value: s.maximum + 1 });
  }
  if (types.includes('array')) {
    const item = Array.isArray(current) && current.length ? current[0] : 'fuzz';
    if (typeof s.maxItems === 'number' && s.maxItems <= 1_000) out.push({ label: `maxItems + 1 (${s.maxItems + 1})`, value: Array(s.maxItems + 1).fill(item) });
    if (s.minItems) out.push({ label: 'empty array below minItems', value: [] });
    if (s.uniqueItems) out.push({ label: 'duplicate items', value: [item, item] });
    out.push({ label: '10,000 items', value: Array(10_000).fill(item) });
  }
  if (types.includes('object')) {
    if (s.additionalProperties === false) out.push({ label: 'an extra property', value: { ...(current as object), fuzzExtra: 1 }, first: true });
    else out.push({ label: 'a value nested 5,000 levels deep', value: { fuzzDeep: DEEP }, first: true });
    out.push({ label: 'an own __proto__ property', value: setAt({ ...(current as object) }, ['__proto__'], { polluted: true }) });
    if (typeof s.maxProperties === 'number') {
      out.push({ label: `maxProperties + 1 (${s.maxProperties + 1})`, value: Object.fromEntries(Array.from({ length: s.maxProperties + 1 }, (_x, i) => [`k${i}`, i])) });
    }
  }
  return out;
}

/**
 * The request body: every slot of the schema gets its type violated and the hostile values of
 * its kind, required ones are left out, and the body as a whole is replaced by invalid JSON,
 * the wrong JSON type, or more than the body limit.
 */
export function bodyMutations(ctx: FuzzContext): Mutation[] {
  const { body: spec } = ctx.base.op;
  const base = ctx.base.body;
  if (!spec || !base || base.kind === 'raw') return [];
  const out: Mutation[] = [];
  for (const slot of bodySlots(spec.schema, base.value)) {
    const name = slotName(slot.path);
    const current = getAt(base.value, slot.path);
    for (const h of slotValues(slot, current, ctx)) {
      out.push(mutate(ctx, 'body', `${name}: ${h.label}`, (p) => {
        if (p.body && p.body.kind !== 'raw') p.body.value = setAt(p.body.value, slot.path, h.value);
      }, { first: h.first, heavy: h.heavy }));
    }
    if (slot.required) {
      out.push(mutate(ctx, 'body', `${name} (required) left out`, (p) => {
        if (p.body && p.body.kind !== 'raw') removeAt(p.body.value, slot.path);
      }, { first: true }));
    }
  }
  const whole = (label: string, value: unknown, first = false) =>
    out.push(mutate(ctx, 'body', `whole body: ${label}`, (p) => { p.body = { kind: base.kind, value }; }, { first }));
  whole('null', null, true);
  whole('an array holding the valid body', [base.value], true);
  whole('an empty object', {});
  whole('a string', 'fuzz');
  whole('a number', 1e308);
  whole('true', true);
  out.push(mutate(ctx, 'body', 'whole body: just over the 1 MB limit', (p) => {
    p.body = { kind: base.kind, value: { ...(base.value as object), fuzzPadding: 'x'.repeat(BODY_LIMIT + 1_000) } };
  }, { heavy: true }));
  if (base.kind === 'json') {
    for (const h of invalidJsonBodies) {
      out.push(mutate(ctx, 'body', `invalid JSON: ${h.label}`, (p) => { p.body = { kind: 'raw', text: h.value }; }, { first: h.first }));
    }
  } else {
    const raw: [string, string][] = [
      ['malformed percent-encoding', 'grant_type=client_credentials&client_id=%E0%A4%A'],
      ['a NUL in a key', 'grant_type=client_credentials&client%00id=x'],
      ['only separators', '&&&=&='],
      ['a key given twice', 'grant_type=client_credentials&grant_type=password'],
    ];
    for (const [label, text] of raw) out.push(mutate(ctx, 'body', `form: ${label}`, (p) => { p.body = { kind: 'raw', text }; }));
  }
  return out;
}
