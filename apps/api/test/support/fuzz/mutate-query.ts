import { SOME_UUID } from './schema-examples';
import { forgedCursors, hostileDateTimes, hostileDates, hostileIntegerTexts, hostileQueryTexts, type Hostile } from './hostile-values';
import { typesOf, type Parameter } from './openapi-operations';
import { mutate, type FuzzContext, type Mutation, type RequestPlan } from './request-plan';
import { percentEncode } from './wire-encoding';

/** The hostile texts that fit what a query parameter's schema claims to be. */
function textsFor(param: Parameter): Hostile<string>[] {
  const types = typesOf(param.schema);
  if (types.includes('integer') || types.includes('number')) return hostileIntegerTexts;
  if (types.includes('boolean')) {
    return [{ label: 'yes', value: 'yes', first: true }, { label: '2', value: '2' }, { label: 'TRUE', value: 'TRUE' }, ...hostileQueryTexts.filter((h) => h.first)];
  }
  if (param.schema.format === 'date') return [...hostileDates.map((h) => ({ ...h, value: percentEncode(h.value) })), ...hostileQueryTexts];
  if (param.schema.format === 'date-time') return [...hostileDateTimes.map((h) => ({ ...h, value: percentEncode(h.value) })), ...hostileQueryTexts];
  if (param.schema.enum) return [{ label: 'a value outside the enum', value: 'fuzz-not-listed', first: true }, ...hostileQueryTexts];
  // Opaque paging cursors: forged ones, in the shape the API gives out.
  if (param.name === 'cursor') return [...forgedCursors(SOME_UUID), ...hostileQueryTexts];
  return hostileQueryTexts;
}

/**
 * Query parameters: each one's type violated with the texts the issue names (a 10,000-digit
 * integer, `+`, percent-encoded NUL), the shapes the extended query parser builds (arrays,
 * objects, `__proto__`), required ones left out, and parameters the operation does not have.
 */
export function queryMutations(ctx: FuzzContext): Mutation[] {
  const out: Mutation[] = [];
  const put = (name: string, pairs: [string, string | undefined][]) => (plan: RequestPlan) => {
    plan.query = [...plan.query.filter(([k]) => k !== name), ...pairs];
  };
  for (const param of ctx.base.op.parameters.filter((p) => p.in === 'query')) {
    const name = param.name;
    for (const h of textsFor(param)) {
      out.push(mutate(ctx, 'query', `?${name}: ${h.label}`, put(name, [[name, h.value]]), { first: h.first, heavy: h.heavy }));
    }
    out.push(mutate(ctx, 'query', `?${name} twice (an array)`, put(name, [[name, '1'], [name, '2']]), { first: true }));
    out.push(mutate(ctx, 'query', `?${name}[]= (an array)`, put(name, [[`${name}[]`, '1']])));
    out.push(mutate(ctx, 'query', `?${name}[a]= (an object)`, put(name, [[`${name}[a]`, '1']]), { first: true }));
    out.push(mutate(ctx, 'query', `?${name}[__proto__][polluted]=`, put(name, [[`${name}[__proto__][polluted]`, '1']])));
    out.push(mutate(ctx, 'query', `?${name} without a value (no =)`, put(name, [[name, undefined]])));
    if (param.required) out.push(mutate(ctx, 'query', `?${name} (required) left out`, put(name, []), { first: true }));
  }
  out.push(mutate(ctx, 'query', 'an unknown query parameter', (p) => { p.query.push(['fuzzUnknown', '1']); }, { first: true }));
  out.push(mutate(ctx, 'query', 'an unknown query parameter with a NUL name', (p) => { p.query.push(['fuzz%00', '1']); }));
  out.push(mutate(ctx, 'query', '?__proto__[polluted]=', (p) => { p.query.push(['__proto__[polluted]', '1']); }));
  out.push(mutate(ctx, 'query', 'a query string of only separators', (p) => { p.query.push(['&&', '&']); }));
  return out;
}
