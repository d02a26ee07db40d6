import fc from 'fast-check';
import { flatten, typesOf, type Schema } from './openapi-operations';

/**
 * A value that fits a schema, as the starting point of a request: each mutation then breaks one
 * thing in an otherwise valid request, so a refusal (or a crash) is about that one thing. Values
 * are deterministic; only the mutations are random.
 */

const DAY = 24 * 3600 * 1000;
/** A stable uuid of nothing in particular, for uuid fields no hint names. */
export const SOME_UUID = '5f0e6a52-3c1d-4e8b-9a7f-2b6c8d4e1f30';

/** Strings a pattern often wants, tried before asking fast-check for one that matches. */
const CANDIDATES = ['fuzz', 'a', 'fuzz-1', 'core.case-registered', '0001', 'P1D', 'fuzz@example.org', 'Fuzz', 'x.y', 'A1'];

function stringFor(schema: Schema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  switch (schema.format) {
    case 'uuid': return SOME_UUID;
    case 'date': return new Date(Date.now() + DAY).toISOString().slice(0, 10);
    case 'date-time': return new Date(Date.now() + DAY).toISOString();
    case 'uri': return 'http://127.0.0.1:9/fuzz';
    case 'email': return 'fuzz@example.org';
    default: break;
  }
  const fits = (s: string) => s.length >= min && s.length <= max && (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
  const found = CANDIDATES.find(fits);
  if (found !== undefined) return found;
  if (schema.pattern) {
    const [sample] = fc.sample(fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(fits), { seed: 42, numRuns: 1 });
    if (sample !== undefined) return sample;
  }
  return 'fuzz'.repeat(Math.ceil(Math.max(min, 1) / 4)).slice(0, Math.max(min, Math.min(4, max)));
}

function numberFor(schema: Schema, integer: boolean): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Math.max(min, 10));
  const value = Math.min(Math.max(min, integer ? 1 : 1.5), max);
  return integer ? Math.ceil(value) : value;
}

/** A valid value of `schema`; objects get every property, optional ones too, so each can be mutated. */
export function exampleOf(input: Schema): unknown {
  const schema = flatten(input);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.find((v: unknown) => v !== null) ?? schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const type = typesOf(schema).find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'string': return stringFor(schema);
    case 'integer': return numberFor(schema, true);
    case 'number': return numberFor(schema, false);
    case 'boolean': return true;
    case 'null': return null;
    case 'array': return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items ?? {}));
    default: return Object.fromEntries(Object.entries<Schema>(schema.properties ?? {}).map(([name, s]) => [name, exampleOf(s)]));
  }
}
