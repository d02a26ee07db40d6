// The platform on a district of a million cases (docs/performance.md, "A million cases"). Runs only
// when asked for (`node scripts/bench.mjs scale`), against the database BENCH_SCALE_DATABASE_URL
// names, seeded beforehand with `ketenhuis seed scale`; it leaves the data as it found it, but for
// the audit records of its own requests.
//
// It starts the API and the worker as production runs them (their own processes, on that database)
// and measures, each as the median of BENCH_SCALE_REQUESTS requests (200) one at a time over HTTP
// with tokens of the district's users: the case list of a parket and of police zones (the busiest
// and one taking part in a handful of cases), person search by national number (hit and miss), the
// case with over a thousand timeline entries and its first timeline page, and the lead-time report
// of chain M over a year (BENCH_SCALE_REPORT_REQUESTS, 5). The statements behind each request,
// recorded from a platform in this process, are explained (ANALYZE, BUFFERS) as the application
// role, and a sequential scan of a large table is named; the same statements are run as a mix under
// the application role (RLS) and under a BYPASSRLS role, alternately (BENCH_SCALE_MIX_ROUNDS, 20).
// Last, the resident memory of the API and the worker while the mix of requests runs at
// BENCH_CONNECTIONS for BENCH_DURATION seconds. The table holds each figure against the goal.
//
// Settings besides those: KETENHUIS_ENCRYPTION_KEYS and KETENHUIS_INDEX_KEY (the keys the district
// was seeded with), BENCH_SCALE_TENANT (default: the district with the most cases), DATABASE_OWNER_ROLE
// and DATABASE_APP_ROLE (default: found in the database), BENCH_REDIS_URL for the queues (each run
// its own prefix, removed after), BENCH_SCALE_WORKER=false to leave the worker out,
// BENCH_SCALE_PLANS for the file the full plans are written to.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { coreLib, requireFromCore, testingLib } from '../packages.mjs';
import { measure } from '../load.mjs';
import { districtOf, ensureBypassRole, missingNumbers, rolesOf } from '../scale/district.mjs';
import { sampleRss, startApi, startWorker } from '../scale/processes.mjs';
import { explain, planExcerpt, runMix, statementRecorder } from '../scale/statements.mjs';

const { BuiltInIssuer, FieldCipher, Platform, createDataSource, createLogger, deriveAppUrl, keyRingFromEnv, loadConfig, loadInstalledModules } = coreLib;
const { encodeCursor } = requireFromCore('./kernel/values/cursor');
const pg = requireFromCore('pg');
const { Redis } = requireFromCore('ioredis');

const whole = (name, fallback, min) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
};
const REQUESTS = whole('BENCH_SCALE_REQUESTS', 200, 5);
const REPORT_REQUESTS = whole('BENCH_SCALE_REPORT_REQUESTS', 5, 1);
const MIX_ROUNDS = whole('BENCH_SCALE_MIX_ROUNDS', 20, 2);
const WARMUP = 20;
const TTL = 12 * 3600;
const MB = 1024 * 1024;

const HOW_TO_SEED = `The scale bench runs against a database seeded beforehand. Make one (a few minutes per 100,000 cases):

  createdb -h 127.0.0.1 -U postgres kh_scale_1m
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kh_scale_1m DATABASE_OWNER_ROLE=kh_scale_owner DATABASE_APP_ROLE=kh_scale_app
  export KETENHUIS_MODULES=@ketenhuis/chain-m
  export KETENHUIS_ENCRYPTION_KEYS=... KETENHUIS_INDEX_KEY=...   # keep them: the data is unreadable without them
  npx ketenhuis migrate
  npx ketenhuis tenant create limburg --name "Limburg (schaal)" --modules m
  npx ketenhuis seed scale --tenant limburg --cases 1000000

then run it with the same keys:

  BENCH_SCALE_DATABASE_URL=$DATABASE_URL node scripts/bench.mjs scale

See docs/performance.md, "A million cases".`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** `count` GETs one after another (after `warmup` more), each answered 200; their latencies in ms. */
async function timed(url, paths, token, count, warmup) {
  const one = async (path) => {
    const start = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
    return { ms, body };
  };
  for (let i = 0; i < warmup; i++) await one(paths[i % paths.length]);
  const times = [];
  let body;
  for (let i = 0; i < count; i++) ({ ms: times[i], body } = await one(paths[i % paths.length]));
  return { times, last: JSON.parse(body) };
}

function printTable(rows) {
  const head = ['measure', 'median', 'in database', 'goal', 'met'];
  const cells = rows.map((r) => [r.measure, r.figure, r.db ?? '', r.goal, r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function deleteKeys(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The platform does not check its schema when it starts: a missing migration would show as a 500 halfway. */
async function requireMigrated(admin) {
  const applied = new Set((await admin.query(`SELECT name FROM ${coreLib.MIGRATIONS_TABLE}`).catch(() => ({ rows: [] }))).rows.map((r) => r.name));
  const missing = coreLib.coreMigrations.map((m) => new m().name).filter((n) => !applied.has(n));
  if (missing.length) {
    throw new Error(`the database lacks ${missing.join(', ')}: run \`ketenhuis migrate\` on it (DATABASE_URL=$BENCH_SCALE_DATABASE_URL, same roles, KETENHUIS_MODULES=@ketenhuis/chain-m)`);
  }
}

export default {
  name: 'scale: a million cases',
  unit: 'statements/s',
  async run({ settings, interrupted }) {
    // Loaded with the others when no case is named; it runs only when asked for by name.
    if (!process.argv.slice(2).length) {
      console.log('  skipped: run it by name, `node scripts/bench.mjs scale`, against BENCH_SCALE_DATABASE_URL');
      return undefined;
    }
    const dbUrl = process.env.BENCH_SCALE_DATABASE_URL;
    if (!dbUrl || !process.env.KETENHUIS_ENCRYPTION_KEYS || !process.env.KETENHUIS_INDEX_KEY) {
      console.log(HOW_TO_SEED);
      throw new Error('BENCH_SCALE_DATABASE_URL, KETENHUIS_ENCRYPTION_KEYS and KETENHUIS_INDEX_KEY must be set (see above)');
    }
    const cipher = new FieldCipher(keyRingFromEnv(process.env));
    const admin = new pg.Client({ connectionString: dbUrl, application_name: 'ketenhuis-bench-scale' });
    await admin.connect();
    const cleanups = [async () => admin.end()];
    const cleanup = async () => { for (const c of cleanups.reverse()) await c().catch((err) => console.error(`  cleanup: ${err.message}`)); };
    try {
      await requireMigrated(admin);
      const roles = await rolesOf(admin, process.env);
      const d = await districtOf(admin, process.env.BENCH_SCALE_TENANT);
      const { tenant, big, callers } = d;
      const [{ version }] = (await admin.query(`SELECT current_setting('server_version') AS version`)).rows;
      console.log(`  database ${new URL(dbUrl).pathname.slice(1)} (${d.database.size}, PostgreSQL ${version}), roles ${roles.owner} / ${roles.app}; `
        + `districts ${d.allTenants.map((t) => `${t.slug} (${t.cases})`).join(', ')}; measuring ${tenant.slug}`);
      const hits = d.persons.map((c) => cipher.decrypt(c, tenant.id));
      const misses = await missingNumbers(admin, tenant.id, cipher, testingLib, 200);

      const prefix = `kh-scale-bench-${randomBytes(4).toString('hex')}`;
      const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
      const childEnv = {
        PATH: process.env.PATH, DATABASE_URL: dbUrl, DATABASE_OWNER_ROLE: roles.owner, DATABASE_APP_ROLE: roles.app,
        ...(process.env.DATABASE_APP_PASSWORD ? { DATABASE_APP_PASSWORD: process.env.DATABASE_APP_PASSWORD } : {}),
        KETENHUIS_MODULES: process.env.KETENHUIS_MODULES || '@ketenhuis/chain-m',
        KETENHUIS_ENCRYPTION_KEYS: process.env.KETENHUIS_ENCRYPTION_KEYS, KETENHUIS_INDEX_KEY: process.env.KETENHUIS_INDEX_KEY,
        LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', REDIS_URL: redisUrl, REDIS_PREFIX: prefix,
      };
      cleanups.push(() => deleteKeys(redisUrl, prefix));
      const api = await startApi(childEnv);
      cleanups.push(() => api.stop());
      const processes = [api];
      if (process.env.BENCH_SCALE_WORKER !== 'false') {
        const worker = await startWorker(childEnv);
        cleanups.push(() => worker.stop());
        processes.push(worker);
      }
      const idle = Object.fromEntries(processes.map((p) => [p.app, sampleRss([p]).stop().get(p.app)[0]]));

      // Tokens of the built-in issuer, for the district's own users.
      const owner = createDataSource({ url: dbUrl, poolMax: 1, sessionRole: roles.owner, applicationName: 'ketenhuis-bench-scale' });
      await owner.initialize();
      cleanups.push(() => owner.destroy());
      const issuer = new BuiltInIssuer(owner);
      const tokenOf = (subject) => issuer.sign({ tenantId: tenant.id, subject, ttlSeconds: TTL });
      const tokens = Object.fromEntries(await Promise.all(Object.entries(callers).map(async ([k, c]) => [k, await tokenOf(c.subject)])));

      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
      const yearAgo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() - 364 * 86_400_000));
      const deep = encodeURIComponent(encodeCursor(d.half.at_key, d.half.id));
      const measures = [
        { id: 'list-parket', measure: `case list, parket (${callers.parket.name}), chain m, first page`, caller: 'parket', paths: ['/api/v1/cases?chain=m'], goal: 14 },
        { id: 'list-parket-deep', measure: 'case list, parket, a page half a year back', caller: 'parket', paths: [`/api/v1/cases?chain=m&cursor=${deep}`], goal: 14 },
        { id: 'list-busiest', measure: `case list, police zone in ${callers.busiestZone.cases} cases`, caller: 'busiestZone', paths: ['/api/v1/cases'], goal: 14 },
        { id: 'list-handful', measure: `case list, police zone in ${callers.handfulZone.cases} cases`, caller: 'handfulZone', paths: ['/api/v1/cases'], goal: 14 },
        { id: 'list-justitiehuis', measure: 'case list, justitiehuis', caller: 'justitiehuis', paths: ['/api/v1/cases'], goal: 14 },
        { id: 'person-hit', measure: 'person by national number, found', caller: 'parket', paths: hits.map((n) => `/api/v1/persons?nationalNumber=${n}`), goal: 5 },
        { id: 'person-miss', measure: 'person by national number, not found', caller: 'parket', paths: misses.map((n) => `/api/v1/persons?nationalNumber=${n}`), goal: 5 },
        { id: 'case-big', measure: `case with ${big.entries} timeline entries`, caller: 'parket', paths: [`/api/v1/cases/${big.id}`], goal: 20 },
        { id: 'timeline-big', measure: 'its first timeline page', caller: 'parket', paths: [`/api/v1/cases/${big.id}/timeline`], goal: 20 },
        { id: 'case-any', measure: 'a case, any (200 of them)', caller: 'parket', paths: d.sampleCases.map((id) => `/api/v1/cases/${id}`) },
        { id: 'lead-times', measure: `lead-time report chain m, ${yearAgo} to ${today}`, caller: 'parket', paths: [`/api/v1/reports/chains/m/lead-times?from=${yearAgo}&to=${today}`], goal: 2000, count: REPORT_REQUESTS, warmup: 1 },
      ];
      const table = [];
      for (const m of measures) {
        if (interrupted()) return undefined;
        const { times, last } = await timed(api.url, m.paths, tokens[m.caller], m.count ?? REQUESTS, m.warmup ?? WARMUP);
        m.median = median(times);
        const items = Array.isArray(last.items) ? `, ${last.items.length} items` : '';
        console.log(`  ${m.measure.padEnd(58)} median ${fmt(m.median).padStart(6)} ms, p90 ${fmt(percentile(times, 0.9)).padStart(6)} ms (${times.length} requests${items})`);
        table.push({ measure: m.measure, figure: `${fmt(m.median)} ms`, goal: m.goal ? `≤ ${m.goal} ms` : '', met: m.goal ? m.median <= m.goal : undefined, m });
      }

      // The same requests through a platform in this process, recording the statements they send.
      const recorder = statementRecorder(pg);
      cleanups.push(async () => recorder.restore());
      const config = loadConfig({ ...childEnv, LOG_LEVEL: 'silent', PORT: '0' });
      const local = await Platform.create({ config, modules: loadInstalledModules(config.modules), logger: createLogger('silent') });
      cleanups.push(() => local.close());
      const server = await local.listen(0, '127.0.0.1');
      cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
      const localUrl = `http://127.0.0.1:${server.address().port}`;
      const plans = [];
      const seqScans = [];
      for (const m of measures) {
        const get = () => fetch(`${localUrl}${m.paths[0]}`, { headers: { authorization: `Bearer ${tokens[m.caller]}` } }).then((r) => r.text());
        await get(); // actors resolved and cached, as in a warm process
        m.statements = await recorder.during(get);
        m.explained = [];
        for (const [i, s] of m.statements.entries()) {
          const e = await explain(admin, roles.app, tenant.id, s, d.large);
          m.explained.push(e);
          plans.push(`=== ${m.measure}, statement ${i + 1} of ${m.statements.length} (${fmt(e.ms)} ms)\n${s.text.trim()}\n-- params: ${JSON.stringify(s.params)}\n${e.plan}\n`);
          for (const t of e.seqScans) seqScans.push({ table: t, where: `${m.id} #${i + 1}` });
        }
      }
      const plansFile = process.env.BENCH_SCALE_PLANS || join(tmpdir(), `ketenhuis-scale-${new URL(dbUrl).pathname.slice(1)}-plans.txt`);
      writeFileSync(plansFile, plans.join('\n'));
      console.log(`  ${plans.length} statements explained; plans in ${plansFile}`);
      for (const row of table) if (row.m) row.db = `${fmt(row.m.explained.reduce((a, e) => a + e.ms, 0))} ms`;
      const byTable = new Map();
      for (const x of seqScans) byTable.set(x.table, [...(byTable.get(x.table) ?? []), x.where]);
      for (const x of seqScans) console.log(`  sequential scan of ${x.table} in ${x.where}`);
      table.push({
        measure: 'sequential scans of large tables (> 10,000 rows)', goal: 'none', met: !seqScans.length,
        figure: seqScans.length ? [...byTable].map(([t, where]) => `${t} in ${where.join(', ')}`).join('; ') : 'none',
      });

      // The query mix: every statement of the measures but the report, as the application role and as BYPASSRLS.
      const bypass = await ensureBypassRole(admin, roles.app);
      const clientAs = async (role) => {
        const c = new pg.Client({ connectionString: deriveAppUrl(dbUrl, role, role === roles.app ? process.env.DATABASE_APP_PASSWORD : undefined), application_name: 'ketenhuis-bench-scale' });
        await c.connect();
        cleanups.push(() => c.end());
        return c;
      };
      const mix = measures.filter((m) => m.id !== 'lead-times').flatMap((m) => m.statements.map((s, i) => ({ ...s, label: `${m.id} #${i + 1}` })));
      const modes = [{ name: 'rls', client: await clientAs(roles.app), role: null }, { name: 'bypass', client: await clientAs(bypass), role: null }];
      await runMix(modes, tenant.id, mix, 2);
      const mixed = await runMix(modes, tenant.id, mix, MIX_ROUNDS);
      const ratio = mixed.rls.perSecond / mixed.bypass.perSecond;
      console.log(`  query mix (${mix.length} statements x ${MIX_ROUNDS}): ${roles.app} ${mixed.rls.perSecond.toFixed(0)}/s, ${bypass} ${mixed.bypass.perSecond.toFixed(0)}/s; per statement, ms per run:`);
      // The statements rely on row-level security for their tenant condition: without it (BYPASSRLS) an
      // index that leads with tenant_id may not serve them, which makes BYPASSRLS slower, not RLS cheaper.
      const perStatement = mix.map((s, i) => ({ label: s.label, rls: mixed.rls.perStatement[i] / MIX_ROUNDS, bypass: mixed.bypass.perStatement[i] / MIX_ROUNDS }))
        .map((x) => ({ ...x, ratio: x.bypass / x.rls }));
      for (const x of perStatement) console.log(`    ${x.label.padEnd(22)} RLS ${x.rls.toFixed(2).padStart(8)}  BYPASSRLS ${x.bypass.toFixed(2).padStart(8)}  ratio ${x.ratio.toFixed(2)}`);
      const worst = perStatement.reduce((a, b) => (b.ratio < a.ratio ? b : a));
      table.push({ measure: `query mix under RLS / under BYPASSRLS, all ${mix.length} statements`, figure: ratio.toFixed(3), goal: '≥ 0.9', met: ratio >= 0.9 });
      table.push({ measure: 'the same, the statement RLS slows most', figure: `${worst.ratio.toFixed(3)} (${worst.label})`, goal: '≥ 0.9', met: worst.ratio >= 0.9 });

      // Resident memory at steady load: the requests above but the report, from BENCH_CONNECTIONS connections.
      const load = measures.filter((m) => m.id !== 'lead-times').flatMap((m) => m.paths.slice(0, 20).map((path) => ({ method: 'GET', path, headers: { authorization: `Bearer ${tokens[m.caller]}` } })));
      const sampler = sampleRss(processes);
      const summary = await measure({ url: api.url, requests: load, connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds });
      const rss = sampler.stop();
      const failures = summary.errors + summary.timeouts + summary.non2xx;
      console.log(`  steady load: ${summary.requestsPerSecond.toFixed(0)} req/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms, ${failures} failed, ${settings.connections} connections`);
      if (failures) throw new Error(`${failures} requests failed under load: ${JSON.stringify(summary.statusCodes)}`);
      for (const p of processes) {
        const max = Math.max(...rss.get(p.app));
        console.log(`  ${p.app} RSS: idle ${(idle[p.app] / MB).toFixed(0)} MB, under load median ${(median(rss.get(p.app)) / MB).toFixed(0)} MB, max ${(max / MB).toFixed(0)} MB`);
        table.push({ measure: `RSS of the ${p.app} process at steady load (max)`, figure: `${(max / MB).toFixed(0)} MB`, goal: '≤ 300 MB', met: max <= 300 * MB });
      }

      console.log(`\n${printTable(table)}`);
      console.log('median: of the HTTP requests, one at a time; in database: the execution time EXPLAIN ANALYZE gives for the request\'s statements, summed.');
      console.log(`load average of the machine during the run: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} CPUs)`);
      const missed = table.filter((r) => r.met === false && r.m);
      for (const r of missed) {
        console.log(`\nmissed: ${r.measure} (${r.figure}, goal ${r.goal})`);
        r.m.statements.forEach((s, i) => console.log(`-- statement ${i + 1} of ${r.m.statements.length}, ${fmt(r.m.explained[i].ms)} ms in the database\n${planExcerpt(r.m.explained[i].plan)}`));
      }
      return {
        backend: `PostgreSQL ${version}, ${new URL(dbUrl).pathname.slice(1)} (${d.database.size}), ${tenant.cases} cases in ${tenant.slug}; `
          + `baseline = the query mix as ${bypass} (BYPASSRLS), platform = as ${roles.app} (RLS)`,
        baseline: mixed.bypass,
        platform: mixed.rls,
        notes: table.map((r) => `${r.measure}: ${r.figure} (goal ${r.goal || '-'}${r.met === undefined ? '' : r.met ? ', met' : ', MISSED'})`),
      };
    } finally {
      await cleanup();
    }
  },
};
