/** Receives each problem found in one module: the field (a path into the definition) and why. */
export type Report = (field: string, message: string) => void;

/** What the checks of one module need to know about it. */
export interface ModuleCheck {
  id: string;
  report: Report;
  /** A module may reference only its own permissions and core's. */
  knownPermission(permission: string): boolean;
}

export const KEBAB = /^[a-z][a-z0-9-]*$/;
/** Dotted names such as event types: `fixture.item-created`, `core.tenant.created`. */
export const DOTTED = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The object entries of an optional list field, with their index. A plain JavaScript module can
 * put anything here, so a wrong shape is reported instead of crashing the validator.
 */
export function entriesOf<T>(value: unknown, field: string, report: Report): Array<[T, number]> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report(field, 'must be an array');
    return [];
  }
  const out: Array<[T, number]> = [];
  value.forEach((item, i) => {
    if (isObject(item)) out.push([item as T, i]);
    else report(`${field}[${i}]`, 'must be an object');
  });
  return out;
}

export function hasDutchText(value: unknown): boolean {
  return isObject(value) && typeof value.nl === 'string' && value.nl.trim() !== '';
}

/** `<module id>.<name>`: names that live in a shared space (queues, handlers) carry their module. */
export function isOwnName(value: unknown, moduleId: string, rest: RegExp = KEBAB): boolean {
  return typeof value === 'string' && value.startsWith(`${moduleId}.`) && rest.test(value.slice(moduleId.length + 1));
}

export const quote = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));
