import fc from 'fast-check';
import { bodySlots, removeAt, setAt, slotName } from './body-slots';
import { hostileIntegerTexts, hostileNumbers, hostileQueryTexts, hostileStrings } from './hostile-values';
import { mutate, type FuzzContext, type Mutation } from './request-plan';
import { describeValue, percentEncode, RawJson } from './wire-encoding';

/** Any JSON value, weighted towards the kinds that break handlers: odd strings and big numbers. */
const bodyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.double(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map((b) => new RawJson(b.toString())),
  fc.constantFrom(...hostileStrings.filter((h) => !h.heavy).map((h) => h.value), ...hostileNumbers.map((h) => h.value)),
);

/** Query and path text as it goes on the wire: encoded arbitrary strings, numbers, or raw `%` and `+`. */
const wireText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).map(percentEncode),
  fc.bigInt({ min: -(10n ** 80n), max: 10n ** 80n }).map(String),
  fc.double().map(String),
  fc.stringMatching(/^[%+a-zA-Z0-9.-]{1,12}$/),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom(...hostileQueryTexts.filter((h) => !h.heavy).map((h) => h.value), ...hostileIntegerTexts.map((h) => h.value)),
);

type Change =
  | { kind: 'body'; path: (string | number)[]; value: unknown }
  | { kind: 'drop'; path: (string | number)[] }
  | { kind: 'query'; name: string; text: string }
  | { kind: 'path'; name: string; text: string };

/**
 * Mutations fast-check draws from the operation's schemas with the run's seed: one random value
 * in one random slot (a body property, a query or path parameter, or an unknown query name).
 * The same seed draws the same requests, so a printed seed replays a run.
 */
export function randomMutations(ctx: FuzzContext, count: number, seed: number): Mutation[] {
  if (count <= 0) return [];
  const { op } = ctx.base;
  const changes: fc.Arbitrary<Change>[] = [];
  const slots = op.body && ctx.base.body && ctx.base.body.kind !== 'raw' ? bodySlots(op.body.schema, ctx.base.body.value) : [];
  if (slots.length) {
    const path = fc.constantFrom(...slots.map((s) => s.path));
    changes.push(fc.record({ kind: fc.constant('body' as const), path, value: bodyValue }));
    changes.push(fc.record({ kind: fc.constant('drop' as const), path }));
  }
  const queryNames = [...op.parameters.filter((p) => p.in === 'query').map((p) => p.name), 'fuzzUnknown'];
  changes.push(fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...queryNames), text: wireText }));
  const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  // Dot segments (`..`, `%2e`) would be resolved by the client into another route.
  const pathText = wireText.filter((text) => !/^(\.|%2e)+$/i.test(text));
  if (pathNames.length) changes.push(fc.record({ kind: fc.constant('path' as const), name: fc.constantFrom(...pathNames), text: pathText }));

  return fc.sample(fc.oneof(...changes), { seed, numRuns: count }).map((c) => {
    switch (c.kind) {
      case 'body': return mutate(ctx, 'random', `random ${slotName(c.path)}: ${describeValue(c.value)}`, (p) => {
        if (p.body && p.body.kind !== 'raw') p.body.value = setAt(p.body.value, c.path, c.value);
      });
      case 'drop': return mutate(ctx, 'random', `random: ${slotName(c.path)} left out`, (p) => {
        if (p.body && p.body.kind !== 'raw') removeAt(p.body.value, c.path);
      });
      case 'query': return mutate(ctx, 'random', `random ?${c.name}=${describeValue(c.text)}`, (p) => {
        p.query = [...p.query.filter(([k]) => k !== c.name), [c.name, c.text]];
      });
      case 'path': return mutate(ctx, 'random', `random {${c.name}}: ${describeValue(c.text)}`, (p) => { p.pathParams[c.name] = c.text; });
    }
  });
}
