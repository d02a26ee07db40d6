import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@ketenhuis/core/testing';

// The operator commands against a real database given by DATABASE_URL, through the compiled CLI.
const cli = path.join(__dirname, '..', 'bin', 'ketenhuis.js');

describe('ketenhuis operator commands', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { PATH: process.env.PATH, DATABASE_URL: db.adminUrl, DATABASE_OWNER_ROLE: db.ownerRole, DATABASE_APP_ROLE: db.appRole };
  });
  afterAll(() => db.drop());

  it('migrate is idempotent', () => {
    const r = run('migrate');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/up to date/);
  });

  it('tenant create prints the id, refuses duplicates and bad input with the field named', () => {
    const ok = run('tenant', 'create', 'antwerpen', '--name', 'Zorg- en Veiligheidshuis Antwerpen');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);

    const dup = run('tenant', 'create', 'antwerpen', '--name', 'Again');
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/--slug: tenant "antwerpen" already exists/);

    const bad = run('tenant', 'create', 'Antwerpen!', '--name', 'x');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--slug: slug "Antwerpen!" must be/);

    const noName = run('tenant', 'create', 'leuven');
    expect(noName.status).toBe(2);
    expect(noName.stderr).toMatch(/missing --name/);

    const mod = run('tenant', 'create', 'leuven', '--name', 'Leuven', '--modules', 'nonexistent');
    expect(mod.status).toBe(1);
    expect(mod.stderr).toMatch(/--modules: unknown module\(s\) nonexistent/);

    const issuer = run('tenant', 'create', 'leuven', '--name', 'Leuven', '--oidc-issuer', 'not a url');
    expect(issuer.status).toBe(2);
    expect(issuer.stderr).toMatch(/--oidc-issuer/);
  });

  it('tenant list --json lists what was created', () => {
    const r = run('tenant', 'list', '--json');
    expect(r.status).toBe(0);
    const tenants = JSON.parse(r.stdout);
    expect(tenants.map((t: { slug: string }) => t.slug)).toEqual(['antwerpen']);
    expect(tenants[0]).toEqual(expect.objectContaining({ name: 'Zorg- en Veiligheidshuis Antwerpen', modules: [] }));
  });

  it('token prints a JWT of the built-in issuer for the tenant; refuses bad input', () => {
    const r = run('token', '--tenant', 'antwerpen', '--sub', 'jan', '--roles', 'magistraat,analist', '--ttl', '600');
    expect(r.status).toBe(0);
    const [, payload] = r.stdout.trim().split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toEqual(expect.objectContaining({ sub: 'jan', roles: ['magistraat', 'analist'], iss: 'urn:ketenhuis:built-in-issuer', aud: 'ketenhuis' }));
    expect(claims.exp - claims.iat).toBe(600);

    expect(run('token', '--tenant', 'antwerpen', '--sub', 'jan', '--ttl', 'soon').stderr).toMatch(/--ttl/);
    expect(run('token', '--sub', 'jan').status).toBe(2);
    expect(run('token', '--tenant', 'antwerpen', '--sub', 'jan', '--colour', 'red').stderr).toMatch(/Unknown option '--colour'/);
  });

  it('every command has --help and unknown commands are usage errors', () => {
    for (const args of [['--help'], ['start', '--help'], ['migrate', '--help'], ['tenant', 'create', '--help'], ['tenant', 'list', '--help'], ['token', '--help']]) {
      const r = run(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: ketenhuis/);
    }
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('a bad DATABASE_URL is a clear error, not a stack trace', () => {
    const r = spawnSync(process.execPath, [cli, 'migrate'], { env: { ...env, DATABASE_URL: 'not-a-url' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DATABASE_URL: is not a valid postgres:\/\/ URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
