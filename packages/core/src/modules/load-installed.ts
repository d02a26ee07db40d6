import { ConfigError } from '../config/config';

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
      const why = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? 'is not installed' : `failed to load: ${(err as Error).message}`;
      throw new ConfigError('KETENHUIS_MODULES', `chain module "${name}" ${why}`);
    }
    return (exported as { default?: unknown }).default ?? exported;
  });
}
