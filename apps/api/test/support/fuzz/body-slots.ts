import { flatten, typesOf, type Schema } from './openapi-operations';

/**
 * The places in a request body a mutation can hit: every property and array item the schema
 * describes, nested ones included, with what the schema says about each.
 */
export interface BodySlot {
  path: (string | number)[];
  schema: Schema;
  /** Required by its parent object: removing it must be refused. */
  required: boolean;
}

export function bodySlots(root: Schema, example?: unknown, depth = 6): BodySlot[] {
  const out: BodySlot[] = [];
  const walk = (input: Schema, value: unknown, path: (string | number)[], level: number) => {
    if (level > depth) return;
    const schema = flatten(input);
    const types = typesOf(schema);
    if (types.includes('object')) {
      const required = new Set<string>(schema.required ?? []);
      const properties = Object.entries<Schema>(schema.properties ?? {});
      // A free-form object (case fields, transition input) is checked by the handler, not the
      // schema: its slots are the keys the valid body gives it, of whatever kind their values are.
      if (!properties.length && isRecord(value)) properties.push(...Object.entries(value).map(([k, v]): [string, Schema] => [k, freeSchema(v)]));
      for (const [name, child] of properties) {
        out.push({ path: [...path, name], schema: flatten(child), required: required.has(name) });
        walk(child, isRecord(value) ? value[name] : undefined, [...path, name], level + 1);
      }
    }
    if (types.includes('array') && (schema.items || Array.isArray(value))) {
      const items = schema.items ?? freeSchema(Array.isArray(value) ? value[0] : undefined);
      out.push({ path: [...path, 0], schema: flatten(items), required: false });
      walk(items, Array.isArray(value) ? value[0] : undefined, [...path, 0], level + 1);
    }
  };
  walk(root, example, [], 0);
  return out;
}

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** No type (anything may come), but a date stays a date: its hostile values are dates too. */
function freeSchema(value: unknown): Schema {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { format: 'date' };
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return { format: 'date-time' };
  if (Array.isArray(value)) return { items: freeSchema(value[0]), type: ['array', 'string', 'number', 'boolean', 'object', 'null'] };
  return {};
}

export const slotName = (path: (string | number)[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${p}`), 'body');

const isContainer = (x: unknown): x is Record<string | number, unknown> => !!x && typeof x === 'object';

/** Sets a value deep in a body, creating the objects and arrays on the way (an own `__proto__` too). */
export function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const container: any = isContainer(root) ? root : typeof head === 'number' ? [] : {};
  Object.defineProperty(container, head, { value: setAt(container[head], rest, value), enumerable: true, writable: true, configurable: true });
  return container;
}

export function removeAt(root: unknown, path: (string | number)[]): unknown {
  if (!path.length || !isContainer(root)) return root;
  const [head, ...rest] = path;
  if (!rest.length) {
    if (Array.isArray(root) && typeof head === 'number') root.splice(head, 1);
    else delete (root as Record<string, unknown>)[head];
    return root;
  }
  removeAt((root as Record<string | number, unknown>)[head], rest);
  return root;
}

export function getAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, p) => (isContainer(node) ? (node as Record<string | number, unknown>)[p] : undefined), root);
}
