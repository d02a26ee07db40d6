// `npm run bench`: what a platform request costs next to a bare express app with the same
// middleware, measured in one run on one machine. Machines are noisy, so every platform figure
// stands next to a baseline measured seconds before it, and the ratio (platform / baseline req/s) is
// the figure to report. Nothing here asserts a speed; it fails only when a request fails.
//
// A case is a file in scripts/bench/cases/ whose default export is
//   { name, modules?, async setup(env) => { baseline: { method, route, body }, requests, exclusiveSlots? } }
// `env` is the shared platform (see bench/platform-env.mjs), which also installs the chain
// `modules` a case brings; the baseline app answers `body` on `route`; `requests` (autocannon
// request objects) go unchanged to both (`exclusiveSlots`: see bench/load.mjs).
// A case that measures something other than HTTP requests exports instead
//   { name, unit, async run({ settings, interrupted }) => { backend, baseline, platform, notes? } }
// with `baseline` and `platform` as { perSecond, count, seconds } measured in that same call; it
// starts what it needs itself.
//
// Settings (environment): BENCH_DURATION seconds per measurement (10), BENCH_WARMUP seconds
// before each (3), BENCH_CONNECTIONS (10), BENCH_ITEMS fixture items (100); BENCH_PERSONS,
// BENCH_CASES, BENCH_TRANSITION_CASES, BENCH_EVENTS, BENCH_QUEUE_BACKEND and BENCH_REDIS_URL are
// read by their cases; TEST_DATABASE_URL picks the Postgres server. Arguments filter cases by
// file name: `node scripts/bench.mjs list` or `npm run bench -- transition outbox`.
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

async function loadCases(filters) {
  const dir = join(import.meta.dirname, 'bench', 'cases');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && (!filters.length || filters.some((w) => f.includes(w)))).sort();
  if (!files.length) throw new Error(`no bench case matches ${filters.map((w) => `"${w}"`).join(' or ')}`);
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
  const cases = await loadCases(process.argv.slice(2));
  console.log(`bench: ${cases.length} case(s), ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per target`);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

  const httpCases = cases.filter((c) => c.setup);
  if (httpCases.length) await runHttpCases(httpCases, rows);
  for (const c of cases.filter((c) => c.run)) {
    if (interrupted) return;
    await runFlowCase(c, rows);
  }
}

async function runHttpCases(cases, rows) {
  env = await startPlatformEnv({ itemCount: settings.itemCount, poolMax: 10, modules: cases.flatMap((c) => c.modules ?? []) });
  console.log(`platform: ${env.baseUrl}, database ${env.t.db.name}, pool ${env.poolMax}, tenant "${env.tenant.slug}" with ${env.itemIds.length} fixture items`);
  const prepared = [];
  for (const c of cases) prepared.push({ name: c.name, spec: await c.setup(env) });
  baselineServer = await listen(createBaselineApp(prepared.map((p) => p.spec.baseline)));
  const baselineUrl = `http://127.0.0.1:${baselineServer.address().port}`;

  for (const { name, spec } of prepared) {
    console.log(`\n${name}`);
    const row = { name };
    rows.push(row);
    const job = { requests: spec.requests, exclusiveSlots: spec.exclusiveSlots, connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds };
    for (const [target, url] of [['baseline', baselineUrl], ['platform', env.baseUrl]]) {
      if (interrupted) return;
      row[target] = await measure({ url, ...job });
      console.log(describeRun(target, row[target]));
    }
    console.log(`  ratio     ${(row.platform.requestsPerSecond / row.baseline.requestsPerSecond).toFixed(3)} (platform / baseline req/s)`);
  }
}

/** A throughput figure in the shape of load.mjs's summaries, so the table shows it with the rest. */
const asSummary = (m) => ({ requestsPerSecond: m.perSecond, p50: NaN, p99: NaN, total: m.count, errors: 0, timeouts: 0, non2xx: 0, statusCodes: {} });

async function runFlowCase(c, rows) {
  console.log(`\n${c.name}`);
  const result = await c.run({ settings, interrupted: () => interrupted });
  if (!result) return;
  console.log(`  backend   ${result.backend}`);
  const row = { name: `${c.name} (${c.unit})` };
  for (const target of ['baseline', 'platform']) {
    const m = result[target];
    row[target] = asSummary(m);
    console.log(`  ${target.padEnd(9)} ${m.perSecond.toFixed(1).padStart(9)} ${c.unit}  (${m.count} in ${m.seconds.toFixed(2)} s)`);
  }
  rows.push(row);
  console.log(`  ratio     ${(result.platform.perSecond / result.baseline.perSecond).toFixed(3)} (platform / baseline ${c.unit})`);
  for (const note of result.notes ?? []) console.log(`  ${note}`);
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
  console.log('A case whose name ends in a unit (events/s) counts that unit in the req/s column and has no latencies.');
}
const broken = rows.flatMap((r) => [['baseline', r.baseline], ['platform', r.platform]].filter(([, s]) => s && failuresOf(s)).map(([t]) => `${r.name} (${t})`));
if (broken.length) {
  failed = true;
  console.error(`\n!!!!!!!! FAILED REQUESTS: ${broken.join(', ')}. These figures are meaningless; see the counts above. !!!!!!!!`);
}
// Exit explicitly: a stray handle in a dependency must not keep a finished bench alive.
process.exit(interrupted ? 130 : failed ? 1 : 0);
