import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { helpText, parseCommand, type CommandSpec } from '../args';
import { CliError } from '../cli-error';
import type { CommandContext } from '../context';
import { repoRoot } from '../paths';

/** The kernel's rule for a module id (validate-module.ts); `core` is core's own. */
export const CHAIN_ID = /^[a-z][a-z0-9-]{0,19}$/;
const RESERVED = new Set(['core']);

/** The files of a new chain, with {{id}}, {{root}} and {{version}} to fill in (apps/cli/templates/chain). */
const TEMPLATE = path.join(__dirname, '..', '..', 'templates', 'chain');
/** What marks the repository root whose presets a chain's tsconfig files extend. */
const PRESET = 'tsconfig.chain.json';

const newSpec = {
  usage: 'ketenhuis module new <id> [--dir <folder>]',
  summary: 'Writes a new chain module package @ketenhuis/chain-<id> in modules/<id>: one case type with a two-state workflow, one permission granted to the magistraat, labels in Dutch, French and English, an empty list of migrations, and a test that boots the platform with the chain and walks its workflow over HTTP.',
  options: { dir: { type: 'string' } },
  help: { dir: 'write it in this folder instead of modules/<id>; it must not exist, and a folder above it must hold tsconfig.chain.json (the repository root)' },
  positionals: 1,
} satisfies CommandSpec<Record<string, { type: 'string' }>>;

const usage = `Usage: ketenhuis module <new> ...\n\n${helpText(newSpec)}`;

export async function moduleCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub] = argv;
  if (sub === 'new') return create(argv.slice(1), ctx);
  if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), sub ? 0 : 2;
  throw new CliError(`unknown module command "${sub}"\n\n${usage}`);
}

async function create(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(newSpec, argv);
  if (values.help) return ctx.out(helpText(newSpec)), 0;
  const id = positionals[0];
  if (!id) throw new CliError(`missing <id>\n\nUsage: ${newSpec.usage}`);
  if (!CHAIN_ID.test(id)) throw new CliError(`<id>: "${id}" must be 1-20 lower-case letters, digits or dashes, starting with a letter (it becomes the chain's id, e.g. ifg)`);
  if (RESERVED.has(id)) throw new CliError(`<id>: "${id}" is reserved for the platform's own permissions and queues`);

  const dir = path.resolve(values.dir ?? path.join(repoRoot, 'modules', id));
  const where = values.dir !== undefined ? '--dir' : '<id>';
  if (existsSync(dir)) throw new CliError(`${where}: ${shown(dir)} already exists; choose another id or folder`, 1);
  const root = presetRoot(path.dirname(dir));
  if (!root) throw new CliError(`--dir: no ${PRESET} in ${shown(path.dirname(dir))} or above it; write the chain inside the repository (modules/<id>)`, 1);

  const vars = { id, root: path.relative(dir, root).split(path.sep).join('/'), version: cliVersion() };
  const files = templateFiles(TEMPLATE).map((rel) => ({
    rel: fill(rel, vars),
    content: fill(readFileSync(path.join(TEMPLATE, rel), 'utf8'), vars),
  }));
  await mkdir(path.dirname(dir), { recursive: true });
  // Not recursive: a folder that appeared since the check makes this fail instead of mixing in.
  await mkdir(dir).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'EEXIST' ? new CliError(`${where}: ${shown(dir)} already exists; choose another id or folder`, 1) : err;
  });
  try {
    for (const f of files) {
      await mkdir(path.dirname(path.join(dir, f.rel)), { recursive: true });
      await writeFile(path.join(dir, f.rel), f.content, { flag: 'wx' });
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const name = `@ketenhuis/chain-${id}`;
  const steps: Array<[string, string]> = [
    ['npm install', `links the new workspace (node_modules/${name}) and records it in package-lock.json`],
    ['npm run build', 'compiles it with the platform'],
    [`npm test -w ${name}`, 'boots the platform with the chain and walks its workflow over HTTP'],
    ['npm run docs:workflows', `writes its workflow page docs/workflows/${id}-dossier.md (npm test checks the pages)`],
    ['npm start', 'runs it in the demo district "limburg", with every installed chain'],
  ];
  ctx.log([
    `Wrote chain "${id}" (${name}) in ${shown(dir)}:`,
    ...files.map((f) => `  ${f.rel}`),
    '',
    'Next steps, from the repository root:',
    ...steps.map(([cmd, what]) => `  ${cmd.padEnd(36)} ${what}`),
    '',
    `Then fill it in: ${shown(path.join(dir, 'README.md'))} lists what, docs/modules.md explains how.`,
  ].join('\n'));
  ctx.out(dir);
  return 0;
}

/** The nearest folder from `start` upwards that holds the shared chain presets. */
function presetRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, PRESET))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Template paths relative to its root, sorted, with `/` separators. */
function templateFiles(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? templateFiles(root, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)]))
    .sort();
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);

/** The platform's packages share one version; a new chain depends on the one this CLI belongs to. */
function cliVersion(): string {
  return (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** A path as the user would type it: relative to the working directory when inside it. */
function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
