import { actorFor } from './actor-for-operation';
import type { District } from './district';
import type { Operation } from './openapi-operations';
import { pathValue } from './path-ids';
import { basePlan, type FuzzContext } from './request-plan';
import { validBodies, validQuery } from './valid-bodies';
import { percentEncode } from './wire-encoding';

/**
 * The starting point of every operation in the fuzzed district (`home`): its valid request with
 * the caller that may make it, and what the other district (`away`) has in the same places,
 * for the requests that must not reach across districts.
 */
export function fuzzContexts(operations: Operation[], home: District, away: District): FuzzContext[] {
  let counter = 0;
  const uniq = () => `${Date.now().toString(36)}${(counter += 1)}`;
  const bodies = validBodies(home, uniq);
  const fresh = validBodies(home, uniq);
  const foreign = new Map(Object.entries(home.ids).map(([kind, id]) => [id, away.ids[kind as keyof District['ids']]]));
  return operations.map((op) => {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    return {
      base: basePlan(op, actorFor(op), (param) => pathValue(home, op, param), validQuery(op), bodies[op.operationId]),
      foreignPathParams: Object.fromEntries(pathParams.map((p) => [p.name, percentEncode(pathValue(away, op, p.name))])),
      foreignOf: (id: string) => foreign.get(id),
      organisations: { own: home.ids.parket, foreign: away.ids.parket },
      freshBody: fresh[op.operationId],
    };
  });
}
