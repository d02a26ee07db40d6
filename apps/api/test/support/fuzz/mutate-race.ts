import { mutate, type FuzzContext, type Mutation } from './request-plan';

/** How many copies of a request go out at once: enough to overlap with 8 in flight. */
const COPIES = 4;

/**
 * The same valid write, several times at once: two transactions that both find "no such user
 * yet" or both move a case from the same state must end in one success and conflicts (409, 412,
 * or the idempotent replay), never in a unique-violation or serialization 500. Creates use a
 * body with new unique values, so the copies race each other rather than an earlier request.
 */
export function raceMutations(ctx: FuzzContext): Mutation[] {
  const { op } = ctx.base;
  if (op.method === 'GET') return [];
  const keyed = op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  return [mutate(ctx, 'race', `${COPIES} identical valid requests at once${keyed ? ' with one new Idempotency-Key' : ''}`, (p) => {
    if (ctx.freshBody !== undefined && p.body && p.body.kind !== 'raw') p.body.value = ctx.freshBody;
    if (keyed) p.headers['Idempotency-Key'] = `fuzz-race-${op.operationId}`;
  }, { always: true, burst: COPIES })];
}
