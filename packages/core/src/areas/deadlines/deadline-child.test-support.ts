import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { PlatformConfig } from '../../kernel/config/config';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const WORKSPACES: Record<string, string> = {
  sdk: 'packages/sdk', core: 'packages/core', contracts: 'packages/contracts', testing: 'packages/testing',
};

/**
 * Runs TypeScript sources in a plain Node process the way jest does (SWC, decorator metadata,
 * `@ketenhuis/*` resolved to their sources), so the child runs the code under test without a
 * build. Mirrors jest.preset.js.
 */
const bootstrap = (script: string) => `
const Module = require('node:module');
const path = require('node:path');
const swc = require('@swc/core');
const workspaces = ${JSON.stringify(Object.fromEntries(Object.entries(WORKSPACES).map(([k, v]) => [k, join(ROOT, v, 'src/index.ts')])))};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@ketenhuis\\/([a-z-]+)$/.exec(request);
  return resolve.call(this, m && workspaces[m[1]] ? workspaces[m[1]] : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require('reflect-metadata');
require(${JSON.stringify(script)});
`;

export interface WorkerChild {
  process: ChildProcess;
  /** Everything the child wrote, for the failure message of a test. */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts deadline-worker.test-support.ts in a child process and resolves once its worker runs. */
export async function spawnDeadlineWorker(config: PlatformConfig, clockAt: Date): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['-e', bootstrap(join(__dirname, 'deadline-worker.test-support.ts'))], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, KETENHUIS_TEST_WORKER_CONFIG: JSON.stringify(config), KETENHUIS_TEST_CLOCK: clockAt.toISOString() },
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`unexpected message ${String(m)}`))));
    void exited.then((how) => reject(new Error(`the worker process ended (${String(how)}) before it was ready:\n${output}`)));
  });
  return { process: child, output: () => output, exited };
}
