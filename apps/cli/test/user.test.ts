import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@ketenhuis/core/testing';

// `ketenhuis user` and `ketenhuis token --user` against a real database, through the compiled CLI.
const cli = path.join(__dirname, '..', 'bin', 'ketenhuis.js');

describe('ketenhuis user and token --user', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let parket: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.trim().split('.')[1], 'base64url').toString()) as Record<string, unknown>;

  /** Rows as the test's superuser sees them (it is not bound by row-level security). */
  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: db.adminUrl });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { PATH: process.env.PATH, DATABASE_URL: db.adminUrl, DATABASE_OWNER_ROLE: db.ownerRole, DATABASE_APP_ROLE: db.appRole };
    expect(run('tenant', 'create', 'limburg', '--name', 'Zorg- en Veiligheidshuis Limburg').status).toBe(0);
    const [{ id: tenantId }] = await sql<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'limburg'`);
    [{ id: parket }] = await sql<{ id: string }>(
      `INSERT INTO organisations (tenant_id, name, type) VALUES ($1, 'Parket Limburg', 'parket') RETURNING id`, [tenantId]);
    await sql(`INSERT INTO organisations (tenant_id, name, type) VALUES ($1, 'Dubbel', 'andere'), ($1, 'Dubbel', 'andere')`, [tenantId]);
  });
  afterAll(() => db.drop());

  it('user create registers a user with a membership, prints its id and leaves an audit record', async () => {
    const r = run('user', 'create', '--tenant', 'limburg', '--email', 'an@parket.example', '--name', 'An Peeters', '--sub', 'sub-an',
      '--organisation', 'parket limburg', '--function', 'magistraat');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/created user an@parket\.example/) });
    const id = r.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [membership] = await sql<{ organisation_id: string; function: string }>('SELECT organisation_id, function FROM memberships WHERE user_id = $1', [id]);
    expect(membership).toEqual({ organisation_id: parket, function: 'magistraat' });
    const audit = await sql<{ action: string; actor_subject: string; changed_fields: string[] }>(
      'SELECT action, actor_subject, changed_fields FROM audit_records WHERE object_id = $1', [id]);
    expect(audit).toEqual([{ action: 'user.create', actor_subject: expect.stringMatching(/^operator:/), changed_fields: ['email', 'name', 'subject', 'memberships'] }]);
  });

  it('user create takes the organisation by id too, and without --sub warns that the user cannot log in yet', () => {
    const r = run('user', 'create', '--tenant', 'limburg', '--email', 'bart@example.org', '--name', 'Bart', '--organisation', parket, '--function', 'analist');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cannot log in yet/);
  });

  it('user create refuses bad input with the option named and the right exit code', () => {
    const cases: [string[], number, RegExp][] = [
      [['--email', 'AN@parket.example', '--name', 'Dubbel'], 1, /already exists/],
      [['--email', 'geen-adres', '--name', 'X'], 1, /--email: is not an e-mail address/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'Parket Limburg', '--function', 'koning'], 1, /--function: unknown function "koning"/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'Nergens', '--function', 'analist'], 1, /--organisation: no organisation "Nergens"/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'Dubbel', '--function', 'analist'], 1, /--organisation: 2 organisations are called "Dubbel"/],
      [['--email', 'x@example.org', '--name', 'X', '--organisation', 'Parket Limburg'], 2, /--organisation and --function go together/],
      [['--email', 'x@example.org'], 2, /missing --name/],
    ];
    for (const [args, status, message] of cases) {
      const r = run('user', 'create', '--tenant', 'limburg', ...args);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status, stderr: expect.stringMatching(message) });
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(run('user', 'create', '--tenant', 'nergens', '--email', 'x@example.org', '--name', 'X').stderr).toMatch(/--tenant: no tenant "nergens"/);
    // A refused user leaves nothing behind, not even half.
    return sql<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email = 'x@example.org'`).then(([{ n }]) => expect(n).toBe(0));
  });

  it('user list shows users with their memberships, as a table or as JSON', () => {
    const table = run('user', 'list', '--tenant', 'limburg');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/an@parket\.example\s+An Peeters\s+active\s+Parket Limburg \(magistraat\)/);
    const json = run('user', 'list', '--tenant', 'limburg', '--json');
    expect(json.status).toBe(0);
    const users = JSON.parse(json.stdout) as { email: string; subject: string | null; memberships: { organisationName: string; function: string }[] }[];
    expect(users.map((u) => u.email)).toEqual(['an@parket.example', 'bart@example.org']);
    expect(users[0]).toMatchObject({ subject: 'sub-an', memberships: [{ organisationName: 'Parket Limburg', function: 'magistraat' }] });
    expect(run('user', 'list').status).toBe(2);
  });

  it("token --user prints a token for that user's subject; refuses what cannot work", () => {
    const r = run('token', '--tenant', 'limburg', '--user', 'AN@parket.example');
    expect(r.status).toBe(0);
    expect(claimsOf(r.stdout)).toEqual(expect.objectContaining({ sub: 'sub-an', roles: [], iss: 'urn:ketenhuis:built-in-issuer' }));

    const noSubject = run('token', '--tenant', 'limburg', '--user', 'bart@example.org');
    expect({ status: noSubject.status, stderr: noSubject.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(/--user: bart@example\.org has no subject yet/) });
    const unknown = run('token', '--tenant', 'limburg', '--user', 'nobody@example.org');
    expect({ status: unknown.status, stderr: unknown.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(/--user: no user "nobody@example\.org"/) });
    expect(run('token', '--tenant', 'limburg', '--user', 'an@parket.example', '--sub', 'x').status).toBe(2);
    expect(run('token', '--tenant', 'limburg', '--user', 'an@parket.example', '--roles', 'tenant-beheerder').stderr).toMatch(/--roles does not apply to --user/);
    // The spine's --sub stays as it was.
    expect(claimsOf(run('token', '--tenant', 'limburg', '--sub', 'operator', '--roles', 'tenant-beheerder').stdout)).toEqual(expect.objectContaining({ sub: 'operator', roles: ['tenant-beheerder'] }));
  });

  it('user has --help and refuses unknown subcommands', () => {
    for (const args of [['user', '--help'], ['user', 'create', '--help'], ['user', 'list', '--help']]) {
      const r = run(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: ketenhuis user/);
    }
    const r = run('user', 'delete');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown user command "delete"/);
  });
});
