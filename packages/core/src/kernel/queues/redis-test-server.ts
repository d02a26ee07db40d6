import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * A private, throwaway redis-server for tests. Suites that need to break Redis (outages, eviction
 * policies) must never touch the shared instance other suites run against in parallel.
 */
export interface RedisTestServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server and waits until the process has exited. */
  stop(): Promise<void>;
  /** Starts the server again on the same port (after `stop()`, to end a simulated outage). */
  restart(): Promise<void>;
}

export interface RedisTestServerOptions {
  port?: number;
  maxmemoryPolicy?: string;
}

const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

export async function startRedisServer(opts: RedisTestServerOptions = {}): Promise<RedisTestServer> {
  // A free port found by binding port 0 can be taken by someone else before redis-server binds
  // it; retrying with a fresh port keeps parallel suites from failing on that race.
  const attempts = opts.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = opts.port ?? (await findFreePort());
    const server = new RedisProcess(port, opts.maxmemoryPolicy);
    try {
      await server.start();
      return {
        url: `redis://127.0.0.1:${port}/0`,
        port,
        stop: () => server.stop(),
        restart: () => server.start(),
      };
    } catch (err) {
      lastError = err;
      await server.stop();
    }
  }
  throw lastError;
}

class RedisProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';
  // A test runner that dies without calling stop() must not leave orphaned redis-servers behind.
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  constructor(private readonly port: number, private readonly maxmemoryPolicy?: string) {}

  async start(): Promise<void> {
    if (this.child) throw new Error(`redis-server on port ${this.port} is already running`);
    const args = ['--port', String(this.port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--daemonize', 'no'];
    if (this.maxmemoryPolicy) args.push('--maxmemory-policy', this.maxmemoryPolicy);
    this.output = '';
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    process.once('exit', this.killOnExit);
    // Keep the pipes drained: a full pipe would block redis-server's logging and hang it.
    const collect = (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-4000); };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        process.removeListener('exit', this.killOnExit);
        if (this.child === child) this.child = undefined;
        resolve();
      });
      child.once('error', (err) => {
        this.output += `\n${err.message}`;
        process.removeListener('exit', this.killOnExit);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
    await this.waitUntilAnswering(child);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, STOP_GRACE_MS);
    });
    await Promise.race([this.exited, forced]);
    clearTimeout(timer);
    await this.exited;
  }

  private async waitUntilAnswering(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let exited = false;
    void this.exited?.then(() => { exited = true; });
    while (Date.now() < deadline) {
      if (exited || child.exitCode !== null) {
        throw new Error(`redis-server on port ${this.port} exited during start-up: ${this.output.trim()}`);
      }
      if (await pingOnce(this.port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${this.port} did not answer PING within ${START_TIMEOUT_MS} ms: ${this.output.trim()}`);
  }
}

/** One raw RESP PING; no client library, so this helper keeps no connections or timers alive. */
function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const finish = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      // "-LOADING" and friends mean the process is up but not serving yet.
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
