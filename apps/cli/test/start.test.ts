import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { eventually } from '@ketenhuis/testing';

// `npm start` with no configuration, as a newcomer runs it: the compiled CLI in a child process,
// an embedded PostgreSQL in a fresh data folder, readiness over HTTP, a token from a second
// process, Ctrl-C, and a second start on the same data.
const cli = path.join(__dirname, '..', 'bin', 'ketenhuis.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('ketenhuis start (embedded default)', () => {
  // A folder the postgres OS user can reach when tests run as root.
  const dataDir = mkdtempSync(path.join('/tmp', 'kh-start-'));
  chmodSync(dataDir, 0o755);
  let env: NodeJS.ProcessEnv;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const pgPort = await freePort();
    env = { PATH: process.env.PATH, HOME: process.env.HOME, KETENHUIS_DATA_DIR: dataDir, PORT: String(port), KETENHUIS_EMBEDDED_PG_PORT: String(pgPort) };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [cli, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, output: () => out, exited };
  }

  async function stop(run: ReturnType<typeof start>): Promise<void> {
    run.child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([run.exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), 15_000); })]);
    clearTimeout(timer);
    if (code === 'timeout') run.child.kill('SIGKILL');
    expect(code).toBe(0); // a clean stop within 15 s
  }

  it('starts, serves /readyz, hands out tokens, stops on Ctrl-C, and reuses its data', async () => {
    const first = start();
    try {
      await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200), 90_000, 250);
      expect(first.output()).toMatch(/initialising database cluster/);
      expect(first.output()).toMatch(/seeded demo district "limburg"/);
      // Printed just after the API starts answering: wait for it rather than race it.
      await eventually(async () => expect(first.output()).toContain(`http://localhost:${port}/api/v1/docs`), 10_000, 50);

      const token = spawnSync(process.execPath, [cli, 'token', '--tenant', 'limburg', '--sub', 'test', '--roles', 'tenant-beheerder'], { env, encoding: 'utf8' });
      expect(token.status).toBe(0);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/tenant`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(res.status).toBe(200);
      // The demo district runs every installed chain (found, not configured), chain M among them.
      expect(await res.json()).toMatchObject({ slug: 'limburg', modules: expect.arrayContaining(['m']) });

      const unknown = spawnSync(process.execPath, [cli, 'token', '--tenant', 'nowhere', '--sub', 'x'], { env, encoding: 'utf8' });
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/no tenant "nowhere"/);
    } finally {
      await stop(first);
    }

    const second = start();
    try {
      await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200), 60_000, 250);
      expect(second.output()).not.toMatch(/initialising database cluster/);
      expect(second.output()).not.toMatch(/seeded demo district/);
      const list = spawnSync(process.execPath, [cli, 'tenant', 'list', '--json'], { env, encoding: 'utf8' });
      expect(list.status).toBe(0);
      expect(JSON.parse(list.stdout).map((t: { slug: string }) => t.slug)).toEqual(['limburg']);
    } finally {
      await stop(second);
    }
  }, 240_000);
});
