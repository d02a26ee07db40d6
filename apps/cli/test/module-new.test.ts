import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChainModule } from '@ketenhuis/sdk';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { CliError } from '../src/cli-error';
import { moduleCommand } from '../src/commands/module';

// `ketenhuis module new` through the compiled CLI, into a temporary workspace laid out like the
// repository (its node_modules and the root presets a chain extends, linked), then what a developer
// does next: build it with tsc, typecheck and lint it, boot the platform with the built chain and
// walk its workflow over HTTP, and run the test it came with.
const repo = path.join(__dirname, '..', '..', '..');
const cli = path.join(__dirname, '..', 'bin', 'ketenhuis.js');
const tool = (...p: string[]) => path.join(repo, 'node_modules', ...p);
const ROOT_FILES = ['node_modules', 'tsconfig.base.json', 'tsconfig.chain.json', 'tsconfig.chain.build.json', 'jest.preset.js', 'eslint.config.mjs'];

/** A child's status with its output, so a failing step shows why. */
const outcome = (r: SpawnSyncReturns<string>) => ({ status: r.status, output: `${r.stdout}\n${r.stderr}` });

describe('ketenhuis module new', () => {
  let workspace: string;
  let dir: string;
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', cwd: workspace });
  const inChain = (...args: string[]) => spawnSync(process.execPath, args, { env, encoding: 'utf8', cwd: dir });

  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'kh-module-new-'));
    for (const f of ROOT_FILES) symlinkSync(path.join(repo, f), path.join(workspace, f));
    dir = path.join(workspace, 'modules', 'zeden');
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  /** The command in this process: a CliError becomes the exit code main.ts gives it. */
  async function inProcess(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const out: string[] = [];
    const log: string[] = [];
    try {
      const status = await moduleCommand(argv, { env, out: (s) => out.push(s), log: (s) => log.push(s) });
      return { status, stdout: out.join('\n'), stderr: log.join('\n') };
    } catch (err) {
      if (err instanceof CliError) return { status: err.exitCode, stdout: out.join('\n'), stderr: err.message };
      throw err;
    }
  }

  it('refuses bad input with exit 2 naming the argument, and an existing folder with exit 1', async () => {
    // Through the compiled CLI: help on stdout, the exit codes and messages of main.ts.
    expect(run('module', '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: ketenhuis module new <id> [--dir <folder>]') });
    expect(run('module', 'new', 'Zeden')).toMatchObject({ status: 2, stderr: expect.stringContaining('ketenhuis: <id>: "Zeden" must be 1-20 lower-case letters') });
    // modules/m exists in the repository: the default folder of "m" is taken.
    expect(run('module', 'new', 'm')).toMatchObject({ status: 1, stderr: expect.stringMatching(/<id>: .*modules\/m already exists/) });

    expect(await inProcess('new', '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('--dir') });
    expect(await inProcess()).toMatchObject({ status: 2, stdout: expect.stringContaining('Usage: ketenhuis module') });
    expect(await inProcess('frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown module command "frobnicate"') });
    expect(await inProcess('new')).toMatchObject({ status: 2, stderr: expect.stringContaining('missing <id>') });
    for (const id of ['1zeden', 'zeden_2', 'zeden.2', 'a-very-long-chain-id-x']) {
      expect(await inProcess('new', id, '--dir', path.join(workspace, 'modules', 'x'))).toMatchObject({ status: 2, stderr: expect.stringContaining(`<id>: "${id}" must be 1-20 lower-case letters`) });
    }
    expect(await inProcess('new', 'core')).toMatchObject({ status: 2, stderr: expect.stringContaining('<id>: "core" is reserved') });
    expect(await inProcess('new', 'zeden', '--dir')).toMatchObject({ status: 2, stderr: expect.stringContaining("'--dir <value>' argument missing") });
    expect(await inProcess('new', 'zeden', 'ifg')).toMatchObject({ status: 2, stderr: expect.stringContaining('unexpected argument "ifg"') });
    mkdirSync(path.join(workspace, 'modules', 'bestaat'), { recursive: true });
    expect(await inProcess('new', 'bestaat', '--dir', path.join(workspace, 'modules', 'bestaat'))).toMatchObject({ status: 1, stderr: expect.stringContaining('--dir: ') });
    // Outside a repository there are no presets to extend.
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'kh-module-elsewhere-'));
    try {
      expect(await inProcess('new', 'zeden', '--dir', path.join(elsewhere, 'zeden'))).toMatchObject({ status: 1, stderr: expect.stringContaining('--dir: no tsconfig.chain.json in') });
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('writes the chain package, each config file a line that extends a root preset, and says what to do next', () => {
    const r = run('module', 'new', 'zeden', '--dir', dir);
    expect(outcome(r)).toMatchObject({ status: 0 });
    expect(r.stdout.trim()).toBe(dir);
    const files = ['README.md', 'jest.config.js', 'package.json', 'src/index.ts', 'src/migrations/index.ts', 'test/zeden.test.ts', 'tsconfig.build.json', 'tsconfig.json'];
    for (const f of files) expect(r.stderr).toContain(`  ${f}\n`);
    for (const step of ['npm install', 'npm run build', 'npm test -w @ketenhuis/chain-zeden', 'npm run docs:workflows']) expect(r.stderr).toContain(`  ${step} `);

    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    expect(read('tsconfig.json')).toBe('{ "extends": "../../tsconfig.chain.json" }\n');
    expect(read('tsconfig.build.json')).toBe('{ "extends": "../../tsconfig.chain.build.json" }\n');
    expect(read('jest.config.js')).toBe("module.exports = require('../../jest.preset.js')(__dirname);\n");
    const manifest = JSON.parse(read('package.json'));
    const m = JSON.parse(readFileSync(path.join(repo, 'modules', 'm', 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@ketenhuis/chain-zeden', private: true, license: 'EUPL-1.2', main: 'dist/index.js',
      scripts: m.scripts, dependencies: m.dependencies, devDependencies: m.devDependencies,
    });
    expect(read('src/index.ts')).not.toMatch(/\{\{\w+\}\}/);
  });

  it('builds, typechecks and lints as a workspace of the repository', () => {
    expect(outcome(inChain(tool('typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'))).toEqual({ status: 0, output: expect.any(String) });
    expect(outcome(inChain(tool('typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'))).toEqual({ status: 0, output: expect.any(String) });
    expect(outcome(inChain(tool('eslint', 'bin', 'eslint.js'), 'src', 'test'))).toEqual({ status: 0, output: expect.any(String) });
  });

  describe('the built chain on the platform', () => {
    let t: TestPlatform;
    let chain: ChainModule;
    const tokens: Record<string, string> = {};

    async function ok(res: Promise<Response>, status = 201): Promise<{ id: string; state: string }> {
      const r = await res;
      const body = await r.text();
      expect({ status: r.status, body }).toMatchObject({ status });
      return JSON.parse(body);
    }

    beforeAll(async () => {
      // What the platform loads: the package's compiled entry point.
      chain = ((await import(path.join(dir, 'dist', 'index.js'))) as { default: ChainModule }).default;
      t = await startTestPlatform({ modules: [chain] });
      const tenant = await t.createTenant('zuid', ['zeden']);
      const admin = await t.token(tenant, { subject: 'beheerder', roles: ['tenant-beheerder'] });
      const post = (p: string, body: unknown) => ok(t.request('POST', p, { token: admin, body }));
      const parket = await post('/api/v1/partners/organisations', { name: 'Parket Zuid', type: 'parket', chains: ['zeden'] });
      for (const fn of ['magistraat', 'parketjurist']) {
        const user = await post('/api/v1/identity/users', { name: fn, email: `${fn}@zuid.example`, subject: `zuid-${fn}` });
        await post(`/api/v1/identity/users/${user.id}/memberships`, { organisationId: parket.id, function: fn });
        tokens[fn] = await t.token(tenant, { subject: `zuid-${fn}` });
      }
    });
    afterAll(() => t?.close());

    it('is what the scaffold promises: one case type, two states, one transition, one permission granted, nl/fr/en', () => {
      expect(chain).toMatchObject({ id: 'zeden', permissions: ['zeden.case.close'], grants: { magistraat: ['zeden.case.close'] }, migrations: [] });
      expect(chain.caseTypes).toHaveLength(1);
      const { workflow } = chain.caseTypes![0];
      expect(workflow.states.map((s) => [s.id, s.final ?? false])).toEqual([['open', false], ['afgesloten', true]]);
      expect(workflow.transitions).toMatchObject([{ action: 'sluit-af', from: 'open', to: 'afgesloten', permission: 'zeden.case.close' }]);
      const labels = [chain.title, chain.caseTypes![0].title, ...workflow.states.map((s) => s.title), ...workflow.transitions.map((x) => x.title)];
      expect(labels.filter((l) => !l?.nl || !l.fr || !l.en)).toEqual([]);
      expect(Object.keys(labels[0]!)).toEqual(['nl', 'fr', 'en']);
    });

    it('registers a case over HTTP and moves it along its transition; a function without the permission gets 403', async () => {
      const registered = await ok(t.request('POST', '/api/v1/cases', { token: tokens.magistraat, body: { chain: 'zeden', caseType: 'dossier' } }));
      expect(registered).toMatchObject({ state: 'open', reference: expect.stringMatching(/^ZEDEN-\d{4}-000001$/) });
      const act = (token: string) => t.request('POST', `/api/v1/cases/${registered.id}/transitions`, { token, body: { action: 'sluit-af' } });

      const refused = await act(tokens.parketjurist);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await ok(act(tokens.magistraat), 200)).toMatchObject({ id: registered.id, state: 'afgesloten' });
      expect(await ok(t.request('GET', `/api/v1/cases/${registered.id}`, { token: tokens.parketjurist }), 200)).toMatchObject({ state: 'afgesloten' });
    });
  });

  it('comes with a test that passes', () => {
    const r = spawnSync(process.execPath, [tool('jest', 'bin', 'jest.js'), '--ci'], {
      // The workspace's own jest run; it must not add its totals to those of `npm test`.
      env: { ...process.env, KETENHUIS_TEST_RESULTS: '' }, encoding: 'utf8', cwd: dir,
    });
    expect(outcome(r)).toMatchObject({ status: 0, output: expect.stringMatching(/Tests:\s+1 passed, 1 total/) });
  });
});
