// `npm run bench`: what a platform request costs next to the same HTTP pipeline without the
// platform in it (the baseline) and next to the least a database-backed request does (the floor),
// all measured in one run on one machine. Machines are noisy, so every platform figure stands
// next to a baseline and a floor measured seconds before it, and the ratios (platform / baseline
// and platform / floor req/s) are the figures to report; with them, the statements the platform
// sent per request, which no noise changes. Nothing here asserts a speed; it fails only when a
// request fails. docs/performance.md explains the figures.
//
// A case is a file in scripts/bench/cases/ whose default export is
//   { name, modules?, async setup(env) => { baseline: { method, route, status?, body }, floor?: { sql, params },
//     requests, exclusiveSlots? } }
// `env` is the shared platform (see bench/platform-env.mjs), which also installs the chain
// `modules` a case brings; the baseline app (bench/baseline-app.mjs) answers `body` on `route`;
// the floor app (bench/floor-app.mjs) verifies the bearer token, runs `sql` with `params(req,
// auth)` in a tenant transaction and answers the same body (a case without `floor` has none);
// `requests` (autocannon request objects) go unchanged to all three (`exclusiveSlots`: see
// bench/load.mjs).
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
// The table is printed at the end and written with every figure to bench/results/latest.json
// (and to a file of the run's own there).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBaselineApp } from './bench/baseline-app.mjs';
import { startFloorApp } from './bench/floor-app.mjs';
import { requireFromCore } from './bench/packages.mjs';
import { startPlatformEnv } from './bench/platform-env.mjs';
import { measure, stopLoad } from './bench/load.mjs';
import { TABLE_LEGEND, describeRun, failuresOf, renderTable, resultsDocument } from './bench/report.mjs';

const { serve } = requireFromCore('./kernel/http/serve');

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
  poolMax: 10,
};
const RESULTS = join(import.meta.dirname, '..', 'bench', 'results', 'latest.json');

async function loadCases(filters) {
  const dir = join(import.meta.dirname, 'bench', 'cases');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && (!filters.length || filters.some((w) => f.includes(w)))).sort();
  if (!files.length) throw new Error(`no bench case matches ${filters.map((w) => `"${w}"`).join(' or ')}`);
  return Promise.all(files.map(async (f) => (await import(pathToFileURL(join(dir, f)).href)).default));
}

let env;
let floor;
const servers = [];
let interrupted = false;

// An interrupt stops the load and lets the normal path below clean up; a second one kills.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping, then closing the platform and dropping its database`);
    interrupted = true;
    stopLoad();
  });
}

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'cpu', node: process.version, os: `${process.platform} ${process.arch}` };

async function run(rows, filters) {
  const cases = await loadCases(filters);
  console.log(`bench: ${cases.length} case(s), ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per target`);
  console.log(`machine: ${machine.cpus} x ${machine.cpuModel}, node ${machine.node}`);

  const httpCases = cases.filter((c) => c.setup);
  if (httpCases.length) await runHttpCases(httpCases, rows);
  for (const c of cases.filter((c) => c.run)) {
    if (interrupted) return;
    await runFlowCase(c, rows);
  }
}

/** Listens as the platform does (serve: its server timeouts), so all three differ only in the app. */
async function listen(app) {
  const server = await serve(app, { port: 0, host: '127.0.0.1', requestTimeoutMs: env.t.platform.config.requestTimeoutMs });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

async function runHttpCases(cases, rows) {
  env = await startPlatformEnv({ itemCount: settings.itemCount, poolMax: settings.poolMax, modules: cases.flatMap((c) => c.modules ?? []) });
  const { platform } = env.t;
  console.log(`platform: ${env.baseUrl}, database ${env.t.db.name}, pool ${platform.config.poolMax}, tenant "${env.tenant.slug}" with ${env.itemIds.length} fixture items`);
  const prepared = [];
  for (const c of cases) prepared.push({ name: c.name, spec: await c.setup(env) });
  const baselineUrl = await listen(createBaselineApp(platform, prepared.map((p) => p.spec.baseline)));
  floor = await startFloorApp(platform, prepared.filter((p) => p.spec.floor).map((p) => ({ ...p.spec.baseline, floor: p.spec.floor })));
  const floorUrl = await listen(floor.app);

  for (const { name, spec } of prepared) {
    console.log(`\n${name}`);
    const row = { name };
    rows.push(row);
    const job = { requests: spec.requests, exclusiveSlots: spec.exclusiveSlots, connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds };
    const targets = [
      ['baseline', baselineUrl],
      ...(spec.floor ? [['floor', floorUrl, () => floor.statements.total]] : []),
      ['platform', env.baseUrl, () => platform.statements.total],
    ];
    for (const [target, url, counter] of targets) {
      if (interrupted) return;
      row[target] = await measure({ url, ...job }, { counter });
      console.log(describeRun(target, row[target]));
    }
    const ratio = (of) => (row.platform.requestsPerSecond / row[of].requestsPerSecond).toFixed(3);
    console.log(`  ratio     ${ratio('baseline')} (platform / baseline req/s)${row.floor ? `, ${ratio('floor')} (platform / floor req/s)` : ''}`);
  }
}

/** A throughput figure in the shape of load.mjs's summaries, so the table shows it with the rest. */
const asSummary = (m) => ({ requestsPerSecond: m.perSecond, p50: NaN, p99: NaN, total: m.count, errors: 0, timeouts: 0, non2xx: 0, statusCodes: {} });

async function runFlowCase(c, rows) {
  console.log(`\n${c.name}`);
  const result = await c.run({ settings, interrupted: () => interrupted });
  if (!result) return;
  console.log(`  backend   ${result.backend}`);
  const row = { name: `${c.name} (${c.unit})`, unit: c.unit, backend: result.backend, notes: result.notes };
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
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  if (floor) await floor.close();
  // Closes the platform and drops its test database and roles.
  if (env) await env.close();
}

/**
 * latest.json for whoever reads the last run, and a file named after the run's start beside it:
 * anyone's next run (a filtered one too) replaces latest.json, and no run's figures should be lost.
 */
function writeResults(doc) {
  const dir = join(RESULTS, '..');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const own = join(dir, `${doc.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(own, text);
  writeFileSync(RESULTS, text);
  console.log(`\nwritten to ${relative(process.cwd(), RESULTS)} and ${relative(process.cwd(), own)}`);
}

const rows = [];
const filters = process.argv.slice(2);
const startedAt = new Date().toISOString();
let failed = false;
try {
  await run(rows, filters);
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
  console.log(TABLE_LEGEND);
  writeResults(resultsDocument({ startedAt, machine, settings, filters, rows }));
}
const broken = rows.flatMap((r) => [['baseline', r.baseline], ['floor', r.floor], ['platform', r.platform]].filter(([, s]) => s && failuresOf(s)).map(([t]) => `${r.name} (${t})`));
if (broken.length) {
  failed = true;
  console.error(`\n!!!!!!!! FAILED REQUESTS: ${broken.join(', ')}. These figures are meaningless; see the counts above. !!!!!!!!`);
}
// Exit explicitly: a stray handle in a dependency must not keep a finished bench alive.
process.exit(interrupted ? 130 : failed ? 1 : 0);
