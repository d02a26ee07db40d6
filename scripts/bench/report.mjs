const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** Counts that must all be zero for a figure to mean anything. */
export const failuresOf = (s) => s.errors + s.timeouts + s.non2xx;

/** Statements sent per request answered in the measured window; undefined where nothing was counted. */
const perRequest = (s) => (s?.counted === undefined || !s.total ? undefined : s.counted / s.total);

export function describeRun(label, s) {
  const bad = failuresOf(s) ? `  !! ${s.errors} errors, ${s.timeouts} timeouts, ${s.non2xx} non-2xx (status ${JSON.stringify(s.statusCodes)})` : '';
  const statements = perRequest(s) === undefined ? '' : `  ${fmt(perRequest(s), 2)} statements/request`;
  return `  ${label.padEnd(9)} ${fmt(s.requestsPerSecond, 1).padStart(9)} req/s  p50 ${fmt(s.p50)} ms  p99 ${fmt(s.p99)} ms  (${s.total} requests)${statements}${bad}`;
}

const TARGETS = ['platform', 'baseline', 'floor'];

/**
 * What the table and the JSON report of one case: a row is { name, unit?, platform, baseline,
 * floor? } with summaries from load.mjs (or their shape, for a case that counts another unit).
 */
export function figuresOf(row) {
  const rate = (t) => row[t]?.requestsPerSecond;
  return {
    platformPerSecond: rate('platform'),
    baselinePerSecond: rate('baseline'),
    floorPerSecond: rate('floor'),
    platformToBaseline: rate('platform') / rate('baseline'),
    platformToFloor: rate('platform') / rate('floor'),
    p50Ms: row.platform?.p50,
    p99Ms: row.platform?.p99,
    statementsPerRequest: perRequest(row.platform),
    floorStatementsPerRequest: perRequest(row.floor),
    failed: TARGETS.reduce((n, t) => n + (row[t] ? failuresOf(row[t]) : 0), 0),
  };
}

/** One line per case; a figure a case does not have shows as `-`. */
export function renderTable(rows) {
  const header = ['case', 'platform', 'baseline', 'floor', 'plat/base', 'plat/floor', 'p50 ms', 'p99 ms', 'stmts/req', 'failed'];
  const lines = rows.map((r) => {
    const f = figuresOf(r);
    return [r.name, fmt(f.platformPerSecond, 1), fmt(f.baselinePerSecond, 1), fmt(f.floorPerSecond, 1), fmt(f.platformToBaseline, 3),
      fmt(f.platformToFloor, 3), fmt(f.p50Ms), fmt(f.p99Ms), fmt(f.statementsPerRequest, 2), String(f.failed)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}

export const TABLE_LEGEND = [
  'platform, baseline, floor: requests per second (a case named with a unit counts that unit instead).',
  'plat/base, plat/floor: platform over baseline and over floor, measured in this run on this machine.',
  'p50/p99: the platform\'s latency in whole milliseconds. stmts/req: statements the platform\'s pool sent',
  'per request answered, BEGIN and COMMIT included. failed: errors, timeouts and non-2xx of all targets.',
].join('\n');

/** Drops a password from a URL-shaped setting before it is written to a file. */
function withoutPassword(value) {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.toString();
}

/** The run as bench/results/latest.json holds it: every figure of the table and the raw summaries. */
export function resultsDocument({ startedAt, machine, settings, filters, rows }) {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_')).map(([k, v]) => [k, withoutPassword(v)]));
  return {
    startedAt,
    machine,
    settings: { ...settings, filters, environment },
    cases: rows.map((r) => ({
      name: r.name,
      ...(r.unit ? { unit: r.unit, backend: r.backend, notes: r.notes } : {}),
      ...Object.fromEntries(Object.entries(figuresOf(r)).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
      summaries: Object.fromEntries(TARGETS.filter((t) => r[t]).map((t) => [t, r[t]])),
    })),
  };
}
