import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TenantRegistry, chainPackagesIn } from '@ketenhuis/core';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { embeddedChainModules, installedChains, loaderSearchPaths } from '../src/chains';
import { seedDemoDistrict } from '../src/demo-district';

const repo = path.join(__dirname, '..', '..', '..');

// Which chains the embedded default runs: every chain package installed where the platform's
// loader looks (npm links each workspace under modules/ into node_modules/@ketenhuis/), unless
// KETENHUIS_MODULES says otherwise.
describe('chain discovery', () => {
  let root: string;

  /** A workspace as npm lays it out: the package in modules/<folder>, linked under node_modules. */
  function chain(folder: string, name: string, opts: { built?: boolean; linked?: boolean } = {}): void {
    const dir = path.join(root, 'modules', folder);
    mkdirSync(path.join(dir, 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, main: 'dist/index.js' }));
    if (opts.built !== false) writeFileSync(path.join(dir, 'dist', 'index.js'), 'module.exports = {};\n');
    if (opts.linked !== false) symlinkSync(path.join('..', '..', 'modules', folder), path.join(root, 'node_modules', name));
  }

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'kh-chains-'));
    mkdirSync(path.join(root, 'node_modules', '@ketenhuis'), { recursive: true });
    chain('zeden', '@ketenhuis/chain-zeden');
    chain('ifg', '@ketenhuis/chain-ifg');
    chain('jeugd', '@ketenhuis/chain-jeugd', { built: false });
    chain('nieuw', '@ketenhuis/chain-nieuw', { linked: false });
    chain('sdk', '@ketenhuis/sdk'); // a workspace, not a chain
    // The link of a workspace removed since the last npm install.
    symlinkSync(path.join('..', '..', 'modules', 'weg'), path.join(root, 'node_modules', '@ketenhuis', 'chain-weg'));
    // Further up the search path, a second zeden: the first one found wins, as for require.
    mkdirSync(path.join(root, 'outer', '@ketenhuis', 'chain-zeden'), { recursive: true });
    writeFileSync(path.join(root, 'outer', '@ketenhuis', 'chain-zeden', 'package.json'), JSON.stringify({ name: '@ketenhuis/chain-zeden' }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const dirs = () => [path.join(root, 'node_modules'), path.join(root, 'outer'), path.join(root, 'absent')];

  it('finds every linked @ketenhuis/chain-* package, in name order, and whether it is built', () => {
    expect(installedChains(dirs()).map(({ name, dir, built }) => ({ name, dir: realpathSync(dir), built }))).toEqual([
      { name: '@ketenhuis/chain-ifg', dir: realpathSync(path.join(root, 'modules', 'ifg')), built: true },
      { name: '@ketenhuis/chain-jeugd', dir: realpathSync(path.join(root, 'modules', 'jeugd')), built: false },
      { name: '@ketenhuis/chain-zeden', dir: realpathSync(path.join(root, 'modules', 'zeden')), built: true },
    ]);
  });

  it('runs the built ones without KETENHUIS_MODULES, naming what it leaves out and why', () => {
    const log: string[] = [];
    expect(embeddedChainModules({}, (l) => log.push(l), { nodeModulesDirs: dirs(), modulesDir: path.join(root, 'modules') }))
      .toEqual(['@ketenhuis/chain-ifg', '@ketenhuis/chain-zeden']);
    expect(log).toEqual([
      'warning: chain module @ketenhuis/chain-jeugd is not built (run npm run build); it is left out',
      'warning: chain module @ketenhuis/chain-nieuw in modules/ is not installed yet (run npm install to link it); it is left out',
    ]);
  });

  it('takes KETENHUIS_MODULES as it is when set, an empty one meaning none', () => {
    const log: string[] = [];
    const opts = { nodeModulesDirs: dirs(), modulesDir: path.join(root, 'modules') };
    expect(embeddedChainModules({ KETENHUIS_MODULES: ' @ketenhuis/chain-ifg , ./elders.js' }, (l) => log.push(l), opts)).toEqual(['@ketenhuis/chain-ifg', './elders.js']);
    expect(embeddedChainModules({ KETENHUIS_MODULES: '' }, (l) => log.push(l), opts)).toEqual([]);
    expect(log).toEqual([]);
  });

  it('finds every chain of this repository from where the platform loads modules, chain M among them', () => {
    expect(loaderSearchPaths()).toContain(path.join(repo, 'node_modules'));
    const installed = installedChains();
    expect(installed.map((c) => c.name)).toEqual(expect.arrayContaining(chainPackagesIn(path.join(repo, 'modules'))));
    expect(installed.find((c) => c.name === '@ketenhuis/chain-m')).toMatchObject({ built: true });
    expect(realpathSync(installed.find((c) => c.name === '@ketenhuis/chain-m')!.dir)).toBe(realpathSync(path.join(repo, 'modules', 'm')));
  });
});

describe('the demo district of the embedded default', () => {
  let t: TestPlatform;
  beforeAll(async () => { t = await startTestPlatform(); });
  afterAll(() => t.close());

  it('is seeded with every installed chain, and enables the chains installed since on a later start', async () => {
    const tenants = new TenantRegistry(t.admin);
    const log: string[] = [];
    expect((await seedDemoDistrict(tenants, ['m'], (l) => log.push(l))).modules).toEqual(['m']);
    expect((await seedDemoDistrict(tenants, ['m', 'zeden'], (l) => log.push(l))).modules).toEqual(['m', 'zeden']);
    expect((await seedDemoDistrict(tenants, ['zeden'], (l) => log.push(l))).modules).toEqual(['m', 'zeden']);
    expect(log).toEqual(['seeded demo district "limburg"', 'enabled chain module(s) zeden in the demo district "limburg"']);
    expect((await tenants.findBySlug('limburg'))!.modules).toEqual(['m', 'zeden']);
  });
});
