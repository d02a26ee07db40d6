import { hostileIds, hostileStrings } from './hostile-values';
import { mutate, type FuzzContext, type Mutation } from './request-plan';
import { percentEncode } from './wire-encoding';

/**
 * Path parameters: the other district's id (must read as not found, never as the object), ids
 * that are almost uuids, and bytes a URL decoder chokes on. Dot segments are left out: the
 * client would resolve them into another route.
 */
export function pathMutations(ctx: FuzzContext): Mutation[] {
  const out: Mutation[] = [];
  for (const param of ctx.base.op.parameters.filter((p) => p.in === 'path')) {
    const valid = decodeURIComponent(ctx.base.pathParams[param.name]);
    const set = (value: string) => (plan: { pathParams: Record<string, string> }) => { plan.pathParams[param.name] = value; };
    const foreign = ctx.foreignPathParams[param.name];
    if (foreign && foreign !== ctx.base.pathParams[param.name]) {
      out.push(mutate(ctx, 'path', `{${param.name}}: the other district's id`, set(foreign), { first: true }));
    }
    const values = param.schema.format === 'uuid'
      ? hostileIds(valid).filter((h) => h.value !== '..')
      : hostileStrings.filter((h) => !h.heavy);
    for (const h of values) {
      out.push(mutate(ctx, 'path', `{${param.name}}: ${h.label}`, set(percentEncode(h.value)), { first: h.first }));
    }
    // Sent as is: percent-encoding that does not decode, or decodes to no valid UTF-8.
    for (const [label, raw] of [['malformed percent-encoding', `${valid.slice(0, 8)}%E0%A4%A`], ['lone percent sign', '%'], ['invalid UTF-8 byte', `${valid}%FF`]]) {
      out.push(mutate(ctx, 'path', `{${param.name}}: ${label}`, set(raw), { first: label.startsWith('malformed') }));
    }
  }
  return out;
}
