// `npm run docs:workflows`: (re)writes docs/workflows/ from the workflow definitions of the chain
// modules in modules/, one Mermaid page per case type and an index, and removes pages no case
// type has any more. packages/core/src/areas/workflows/diagram-drift.test.ts fails when the committed
// pages differ from what this writes. Runs against the compiled workspaces (the npm script builds
// first), as the platform does.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const modulesDir = join(root, 'modules');
const outDir = join(root, 'docs', 'workflows');
const require = createRequire(import.meta.url);

let core;
try {
  core = require('@ketenhuis/core');
} catch (err) {
  if (err.code !== 'MODULE_NOT_FOUND') throw err;
  console.error('@ketenhuis/core is not built; run `npm run docs:workflows` (it builds first) or `npx turbo run build`');
  process.exit(1);
}
const { ModuleRegistry, chainPackagesIn, loadInstalledModules, workflowDocuments, workflowDocumentsDrift } = core;

// The packages are loaded by name through the platform's own loader, from their workspace folder,
// so a chain written since the last `npm install` (not yet linked in node_modules) is found too.
const folderOf = new Map();
for (const e of existsSync(modulesDir) ? readdirSync(modulesDir, { withFileTypes: true }) : []) {
  const manifest = join(modulesDir, e.name, 'package.json');
  if (e.isDirectory() && existsSync(manifest)) folderOf.set(require(manifest).name, join(modulesDir, e.name));
}
const requireFromWorkspace = (name) => require(folderOf.get(name) ?? name);

const packages = chainPackagesIn(modulesDir);
let modules, documents;
try {
  // Validated as at boot: a definition the platform would refuse to start with gets no page.
  ({ modules } = new ModuleRegistry(loadInstalledModules(packages, requireFromWorkspace)));
  documents = workflowDocuments(modules);
} catch (err) {
  // The loader speaks of KETENHUIS_MODULES, which plays no part here.
  console.error(`docs:workflows: ${String(err.message).replace(/^KETENHUIS_MODULES: /, '')}`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const wanted = new Set(documents.map((d) => d.file));
for (const file of readdirSync(outDir).filter((f) => f.endsWith('.md') && !wanted.has(f))) {
  rmSync(join(outDir, file));
  console.log(`removed ${relative(root, join(outDir, file))}`);
}
for (const doc of documents) writeFileSync(join(outDir, doc.file), doc.content);

const left = workflowDocumentsDrift(outDir, documents);
if (left.length) throw new Error(`docs/workflows still differs after writing:\n${left.join('\n')}`);
console.log(`docs:workflows: ${documents.length - 1} page(s) for ${modules.length} chain module(s) (${packages.join(', ') || 'none'}) in ${relative(root, outDir)}/`);
