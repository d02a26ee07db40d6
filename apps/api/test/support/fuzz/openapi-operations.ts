/**
 * Reads the served OpenAPI document into the list of operations the fuzzer must cover, with
 * every `$ref` resolved: the mutations are derived from each operation's own schemas, so they
 * must see the schema, not a pointer to it.
 */

export type Schema = Record<string, any>;
export type OpenApiDoc = { paths: Record<string, Record<string, any>>; components?: Record<string, Record<string, any>> };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** "GET /api/v1/cases/{id}": how failures are grouped and coverage is counted. */
  key: string;
  method: string;
  /** The path template as the document has it. */
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: { required: boolean; contentType: string; schema: Schema };
  /** `security: []`: the route is called without a token. */
  public: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'trace'];

/** Follows a local `$ref` (`#/components/...`). */
function lookup(doc: OpenApiDoc, ref: string): any {
  if (!ref.startsWith('#/')) throw new Error(`the fuzzer only follows local $refs, not ${ref}`);
  return ref.slice(2).split('/').reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** A copy with every `$ref` replaced by what it points to; a cycle stops at `{}` (anything goes). */
export function resolve(doc: OpenApiDoc, node: unknown, seen: string[] = []): any {
  if (Array.isArray(node)) return node.map((x) => resolve(doc, x, seen));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return seen.includes(ref) ? {} : resolve(doc, lookup(doc, ref), [...seen, ref]);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(doc, v, seen)]));
}

/** Every path × method of the document; path-level parameters merged under operation-level ones. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = resolve(doc, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const byKey = new Map<string, Parameter>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.in === 'path' || p.required === true, schema: p.schema ?? {} });
      }
      const content = op.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        parameters: [...byKey.values()],
        body: contentType ? { required: op.requestBody.required === true, contentType, schema: content[contentType].schema ?? {} } : undefined,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return out;
}

/** The JSON types a schema allows (no `type`: any). */
export function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items) return ['array'];
  if (schema.enum) return [...new Set(schema.enum.map((v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)))] as string[];
  return ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
}

/** The first branch of a oneOf/anyOf, the merge of an allOf: enough to build a value that fits. */
export function flatten(schema: Schema): Schema {
  if (schema.allOf) return schema.allOf.reduce((acc: Schema, s: Schema) => {
    const f = flatten(s);
    return { ...acc, ...f, properties: { ...acc.properties, ...f.properties }, required: [...(acc.required ?? []), ...(f.required ?? [])] };
  }, { ...schema, allOf: undefined });
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches?.length) return flatten({ ...schema, oneOf: undefined, anyOf: undefined, ...branches[0] });
  return schema;
}
