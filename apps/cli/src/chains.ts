import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chainPackagesIn } from '@ketenhuis/core';
import { repoRoot } from './paths';

/** A chain module is the package `@ketenhuis/chain-<id>` (docs/modules.md §1). */
const SCOPE = '@ketenhuis';
const PREFIX = 'chain-';

export interface InstalledChain {
  name: string;
  /** The package's folder as installed (npm links a workspace under modules/ here). */
  dir: string;
  /** Whether its entry point exists, i.e. it was built. */
  built: boolean;
}

/**
 * The node_modules folders the platform's module loader searches, in its order: chains are
 * loaded by package name from @ketenhuis/core (loadInstalledModules), so they are looked for
 * where that require looks.
 */
export function loaderSearchPaths(): string[] {
  const fromCore = createRequire(require.resolve('@ketenhuis/core'));
  return fromCore.resolve.paths(`${SCOPE}/${PREFIX}x`) ?? [];
}

/**
 * Every installed chain package: the `@ketenhuis/chain-*` entries of the given node_modules
 * folders, the first of a name winning as it does for require. `npm install` (or `npm ci`) links
 * each workspace under modules/ into node_modules/@ketenhuis/, so a chain written there is found
 * without naming it anywhere; a chain installed from a registry is found the same way. An entry
 * whose package.json does not name it (the dangling link of a removed workspace) is skipped.
 */
export function installedChains(nodeModulesDirs: string[] = loaderSearchPaths()): InstalledChain[] {
  const found = new Map<string, InstalledChain>();
  for (const dir of nodeModulesDirs) {
    const scope = path.join(dir, SCOPE);
    const entries = existsSync(scope) ? readdirSync(scope).filter((e) => e.startsWith(PREFIX)) : [];
    for (const entry of entries) {
      const name = `${SCOPE}/${entry}`;
      const pkgDir = path.join(scope, entry);
      if (found.has(name) || nameIn(path.join(pkgDir, 'package.json')) !== name) continue;
      found.set(name, { name, dir: pkgDir, built: resolvable(pkgDir) });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The chain modules of the embedded default, as package names: KETENHUIS_MODULES when it is set
 * (empty: none), otherwise every installed chain that is built. What is left out for a reason
 * the developer can fix (not built, or written under modules/ but not linked yet) is named in a
 * warning instead of stopping every command.
 */
export function embeddedChainModules(env: NodeJS.ProcessEnv, log: (line: string) => void, opts: { nodeModulesDirs?: string[]; modulesDir?: string } = {}): string[] {
  if (env.KETENHUIS_MODULES !== undefined) return env.KETENHUIS_MODULES.split(',').map((s) => s.trim()).filter(Boolean);
  const installed = installedChains(opts.nodeModulesDirs);
  for (const c of installed.filter((i) => !i.built)) log(`warning: chain module ${c.name} is not built (run npm run build); it is left out`);
  const names = new Set(installed.map((i) => i.name));
  for (const name of chainPackagesIn(opts.modulesDir ?? path.join(repoRoot, 'modules')).filter((n) => !names.has(n))) {
    log(`warning: chain module ${name} in modules/ is not installed yet (run npm install to link it); it is left out`);
  }
  return installed.filter((i) => i.built).map((i) => i.name);
}

function nameIn(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

function resolvable(dir: string): boolean {
  try {
    require.resolve(dir);
    return true;
  } catch {
    return false;
  }
}
