// `npm run bench`: what a platform request costs next to a bare express app with the same
// middleware, measured in one run on one machine. Machines are noisy, so every platform figure
// stands next to a baseline measured seconds before it, and the ratio (platform / baseline req/s) is
// the figure to report. Nothing here asserts a speed; it fails only when a request fails.
//
// A case is a file in scripts/bench/cases/ whose default export is
//   { name, async setup(env) => { baseline: { method, route, body }, requests } }
// `env` is the shared platform (see bench/platform-env.mjs); the baseline app answers `body` on
// `route`; `requests` (autocannon request objects) go unchanged to both.
//
// Settings (environment): BENCH_DURATION seconds per measurement (10), BENCH_WARMUP seconds
// before each (3), BENCH_CONNECTIONS (10), BENCH_ITEMS fixture items (100), BENCH_PERSONS and BENCH_CASES (read by their cases); TEST_DATABASE_URL
// picks the Postgres server. An argument filters cases by file name: `node scripts/bench.mjs list`.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBaselineApp } from './bench/baseline-app.mjs';
import { startPlatformEnv } from './bench/platform-env.mjs';
import { measure, stopLoad } from './bench/load.mjs';
import { describeRun, failuresOf, renderTable } from './bench/report.mjs';

function setting(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

const settings = {
  durationSeconds: setting('BENCH_DURATION', 10, 1),
  warmupSeconds: setting('BENCH_WARMUP', 3, 0),
  connections: setting('BENCH_CONNECTIONS', 10, 1),
  itemCount: setting('BENCH_ITEMS', 100, 1),
};

async function loadCases(filter) {
  const dir = join(import.meta.dirname, 'bench', 'cases');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && (!filter || f.includes(filter))).sort();
  if (!files.length) throw new Error(`no bench case matches "${filter}"`);
  return Promise.all(files.map(async (f) => (await import(pathToFileURL(join(dir, f)).href)).default));
}

const listen = (app) => new Promise((resolve, reject) => {
  const server = app.listen(0, '127.0.0.1', () => resolve(server)).once('error', reject);
});

let env;
let baselineServer;
let interrupted = false;

// An interrupt stops the load and lets the normal path below clean up; a second one kills.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping, then closing the platform and dropping its database`);
    interrupted = true;
    stopLoad();
  });
}

async function run(rows) {
  const cases = await loadCases(process.argv[2]);
  console.log(`bench: ${cases.length} case(s), ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per target`);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

  env = await startPlatformEnv({ itemCount: settings.itemCount, poolMax: 10 });
  console.log(`platform: ${env.baseUrl}, database ${env.t.db.name}, pool ${env.poolMax}, tenant "${env.tenant.slug}" with ${env.itemIds.length} fixture items`);
  const prepared = [];
  for (const c of cases) prepared.push({ name: c.name, spec: await c.setup(env) });
  baselineServer = await listen(createBaselineApp(prepared.map((p) => p.spec.baseline)));
  const baselineUrl = `http://127.0.0.1:${baselineServer.address().port}`;

  for (const { name, spec } of prepared) {
    console.log(`\n${name}`);
    const row = { name };
    rows.push(row);
    const job = { requests: spec.requests, connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds };
    for (const [target, url] of [['baseline', baselineUrl], ['platform', env.baseUrl]]) {
      if (interrupted) return;
      row[target] = await measure({ url, ...job });
      console.log(describeRun(target, row[target]));
    }
    console.log(`  ratio     ${(row.platform.requestsPerSecond / row.baseline.requestsPerSecond).toFixed(3)} (platform / baseline req/s)`);
  }
}

async function cleanup() {
  if (baselineServer) {
    baselineServer.closeAllConnections();
    await new Promise((r) => baselineServer.close(r));
  }
  // Closes the platform and drops its test database and roles.
  if (env) await env.close();
}

const rows = [];
let failed = false;
try {
  await run(rows);
} catch (err) {
  if (!interrupted) {
    failed = true;
    console.error('\nbench failed:', err);
  }
} finally {
  await cleanup().catch((err) => {
    failed = true;
    console.error(`cleanup failed (database ${env?.t.db.name ?? '?'} may be left behind):`, err);
  });
}

if (rows.length) {
  console.log(`\n${renderTable(rows)}`);
  console.log('ratio = platform req/s / baseline req/s (same machine, same run); errors include timeouts; latencies are whole milliseconds.');
}
const broken = rows.flatMap((r) => [['baseline', r.baseline], ['platform', r.platform]].filter(([, s]) => s && failuresOf(s)).map(([t]) => `${r.name} (${t})`));
if (broken.length) {
  failed = true;
  console.error(`\n!!!!!!!! FAILED REQUESTS: ${broken.join(', ')}. These figures are meaningless; see the counts above. !!!!!!!!`);
}
// Exit explicitly: a stray handle in a dependency must not keep a finished bench alive.
process.exit(interrupted ? 130 : failed ? 1 : 0);
