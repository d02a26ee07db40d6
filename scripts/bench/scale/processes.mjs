// The platform's own processes on the scale database: `node apps/api/dist/main.js` and
// `node apps/worker/dist/main.js`, as production runs them, so their resident memory is theirs alone.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).once('error', reject);
  });
}

/** Resident memory of a process in bytes (VmRSS), or undefined once it is gone. */
export function rssOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Starts `apps/<app>/dist/main.js`; its output is kept and shown if it fails. */
function start(app, env) {
  const child = spawn(process.execPath, [join(ROOT, 'apps', app, 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited;
  const done = new Promise((resolve) => child.once('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));
  return {
    app, pid: child.pid, output, done,
    get exited() { return exited; },
    async stop() {
      if (exited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
      return exited;
    },
  };
}

const failure = (p, why) => new Error(`${p.app} ${why}:\n${p.output.join('').split('\n').slice(-30).join('\n')}`);

/** The API, ready (GET /readyz answers 200), listening on a free port. */
export async function startApi(env) {
  const port = await freePort();
  const p = start('api', { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (p.exited) throw failure(p, `exited (${JSON.stringify(p.exited)})`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) return { ...p, url, stop: p.stop };
    if (Date.now() > deadline) {
      await p.stop();
      throw failure(p, 'was not ready within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The worker; it has no port, so it counts as started when it is still running after a few seconds. */
export async function startWorker(env) {
  const p = start('worker', env);
  await new Promise((r) => setTimeout(r, 3_000));
  if (p.exited) throw failure(p, `exited (${JSON.stringify(p.exited)})`);
  return p;
}

/** Samples the resident memory of `processes` every `everyMs` until stop(); returns per process the samples. */
export function sampleRss(processes, everyMs = 250) {
  const samples = new Map(processes.map((p) => [p.app, []]));
  const take = () => {
    for (const p of processes) {
      const rss = rssOf(p.pid);
      if (rss !== undefined) samples.get(p.app).push(rss);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
