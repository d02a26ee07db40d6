import { ConfigError } from '../config/config';

/** Whether `err` says that `name` itself is missing (not one of its own dependencies). */
function isMissing(err: unknown, name: string): boolean {
  const e = err as NodeJS.ErrnoException;
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(`'${name}'`);
}

/**
 * Loads the installed chain modules named in configuration (package names). Only loading
 * happens here; validation is the registry's job.
 */
export function loadInstalledModules(packageNames: string[], requireFn: NodeJS.Require = require): unknown[] {
  return packageNames.map((name) => {
    let exported: { default?: unknown } | unknown;
    try {
      exported = requireFn(name);
    } catch (err) {
      const why = isMissing(err, name) ? 'is not installed' : `failed to load: ${(err as Error).message}`;
      throw new ConfigError('KETENHUIS_MODULES', `chain module "${name}" ${why}`);
    }
    return (exported as { default?: unknown }).default ?? exported;
  });
}
