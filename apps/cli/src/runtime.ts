import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { generateKeyMaterial, loadConfig, type PlatformConfig } from '@ketenhuis/core';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres';
import { dataDir } from './paths';
import { CliError } from './cli-error';
import { embeddedChainModules } from './chains';

export const DEFAULT_EMBEDDED_PORT = 54329;
const DATABASE = 'ketenhuis';

export interface Runtime {
  config: PlatformConfig;
  /** Set when this process started the embedded server (and must stop it). */
  embedded?: EmbeddedPostgres;
  mode: 'external' | 'embedded';
  close(): Promise<void>;
}

/**
 * Where the database is: DATABASE_URL when set; otherwise the embedded server in the data folder,
 * reused when another ketenhuis process (a running `start`) already serves it, started otherwise.
 */
export async function openRuntime(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Runtime> {
  if (env.DATABASE_URL) {
    const config = loadConfig(env);
    return { config, mode: 'external', close: async () => undefined };
  }
  const dir = dataDir(env);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const port = Number(env.KETENHUIS_EMBEDDED_PG_PORT || DEFAULT_EMBEDDED_PORT);
  const credentialsFile = path.join(dir, 'postgres-credentials.json');

  let embedded: EmbeddedPostgres | undefined;
  let superUrl: string;
  const running = await portOpen(port);
  const saved = running ? await readJson<{ user: string; password: string }>(credentialsFile) : undefined;
  if (running && saved) {
    superUrl = `postgres://${encodeURIComponent(saved.user)}:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/postgres`;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port, log });
    superUrl = embedded.url;
  }

  await ensureDatabase(superUrl, DATABASE);
  const url = new URL(superUrl);
  url.pathname = `/${DATABASE}`;
  const appPassword = await appSecret(path.join(dir, 'app-credentials.json'));
  const keys = env.KETENHUIS_ENCRYPTION_KEYS ? {} : await embeddedKeys(path.join(dir, 'keys.json'));
  const config = loadConfig({
    ...env, ...keys, DATABASE_URL: url.toString(), DATABASE_APP_PASSWORD: appPassword,
    // Every installed chain when KETENHUIS_MODULES is not set, so `npm start` runs what modules/
    // holds; an empty KETENHUIS_MODULES runs none. With DATABASE_URL only what is configured runs.
    KETENHUIS_MODULES: embeddedChainModules(env, log).join(','),
    // The embedded default runs on one's own machine, listening on 127.0.0.1 only: a webhook
    // receiver on that machine is the usual way to try webhooks there.
    KETENHUIS_WEBHOOK_ALLOW_LOCAL: env.KETENHUIS_WEBHOOK_ALLOW_LOCAL ?? 'true',
  });
  return { config, embedded, mode: 'embedded', close: async () => { await embedded?.stop(); } };
}

async function ensureDatabase(superUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: superUrl });
  try {
    await client.connect();
  } catch (err) {
    throw new CliError(`cannot connect to the embedded PostgreSQL: ${(err as Error).message}`, 1);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** The application role's password of the embedded default: generated once, kept next to the data. */
async function appSecret(file: string): Promise<string> {
  const saved = await readJson<{ password: string }>(file);
  if (saved?.password) return saved.password;
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${JSON.stringify({ password }, null, 2)}\n`, { mode: 0o600 });
  return password;
}

/**
 * Encryption and index keys of the embedded default: generated once and kept beside the data,
 * since data encrypted with them is unreadable without them. Production passes them in the
 * environment (from a secret store).
 */
async function embeddedKeys(file: string): Promise<{ KETENHUIS_ENCRYPTION_KEYS: string; KETENHUIS_INDEX_KEY: string }> {
  const saved = await readJson<{ KETENHUIS_ENCRYPTION_KEYS: string; KETENHUIS_INDEX_KEY: string }>(file);
  if (saved?.KETENHUIS_ENCRYPTION_KEYS && saved.KETENHUIS_INDEX_KEY) return saved;
  const keys = generateKeyMaterial();
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}
