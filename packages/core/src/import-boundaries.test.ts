import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

// The boundaries that keep the house readable (architecture §8), checked on every test run
// rather than left to review: nothing imports in a cycle, a chain imports the SDK and its own
// files only, and the kernel imports no area.
const REPO = resolve(__dirname, '../../..');
const WORKSPACES = ['packages', 'apps', 'modules'].flatMap((group) =>
  readdirSync(join(REPO, group)).map((name) => join(REPO, group, name, 'src')).filter((dir) => existsSync(dir)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /^(?:import|export)\s[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gms;
const specifiers = (file: string) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
}

/** Strongly connected groups of more than one file (Tarjan): each is an import cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>(), found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next); low.set(v, next); next++; stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
      if (group.length > 1) found.push(group.map((f) => relative(REPO, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import boundaries', () => {
  it('has no import cycle in any workspace (type imports included)', () => {
    const graph = new Map<string, string[]>();
    for (const file of WORKSPACES.flatMap(sourceFiles)) {
      graph.set(file, specifiers(file).filter((s) => s.startsWith('.')).map((s) => resolveRelative(file, s)).filter((p): p is string => !!p));
    }
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it('lets a chain module import the SDK, Node and its own files only', () => {
    const builtins = new Set(builtinModules);
    const chains = WORKSPACES.filter((dir) => relative(REPO, dir).startsWith('modules'));
    expect(chains.length).toBeGreaterThan(0);
    const foreign = chains.flatMap(sourceFiles).flatMap((file) => specifiers(file)
      .filter((s) => !s.startsWith('.') && s !== '@ketenhuis/sdk' && !s.startsWith('node:') && !builtins.has(s))
      .map((s) => `${relative(REPO, file)} imports ${s}`));
    expect(foreign).toEqual([]);
  });

  it('lets a chain read core\'s data through the SDK only: no SQL of its own on core\'s tables', () => {
    const migrations = join(REPO, 'packages/core/src/kernel/db/migrations');
    const coreTables = [...new Set(readdirSync(migrations).flatMap((name) =>
      [...readFileSync(join(migrations, name), 'utf8').matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1])))];
    expect(coreTables).toEqual(expect.arrayContaining(['cases', 'deadlines', 'persons']));
    const sql = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(${coreTables.join('|')})\\b`, 'gi');
    const chainSources = WORKSPACES.filter((dir) => relative(REPO, dir).startsWith('modules')).flatMap(sourceFiles)
      .filter((file) => !file.includes('/migrations/'));
    const reads = chainSources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(sql)].map((m) => `${relative(REPO, file)}: ${m[0]}`));
    expect(reads).toEqual([]);
  });

  it('keeps the kernel free of areas: kernel files import the kernel, the SDK and libraries only', () => {
    const kernel = join(REPO, 'packages/core/src/kernel');
    const upward = sourceFiles(kernel).flatMap((file) => specifiers(file)
      .filter((s) => s.startsWith('.') && !resolve(dirname(file), s).startsWith(kernel))
      .map((s) => `${relative(REPO, file)} imports ${s}`));
    expect(upward).toEqual([]);
  });
});
