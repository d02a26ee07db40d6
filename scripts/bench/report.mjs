const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** Counts that must all be zero for a figure to mean anything. */
export const failuresOf = (s) => s.errors + s.timeouts + s.non2xx;

export function describeRun(label, s) {
  const bad = failuresOf(s) ? `  !! ${s.errors} errors, ${s.timeouts} timeouts, ${s.non2xx} non-2xx (status ${JSON.stringify(s.statusCodes)})` : '';
  return `  ${label.padEnd(9)} ${fmt(s.requestsPerSecond, 1).padStart(9)} req/s  p50 ${fmt(s.p50)} ms  p99 ${fmt(s.p99)} ms  (${s.total} requests)${bad}`;
}

/** rows: { name, baseline, platform } with summaries from load.mjs; ratio is platform over baseline. */
export function renderTable(rows) {
  const header = ['case', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'ratio'];
  const lines = [];
  for (const r of rows) {
    for (const [target, s] of [['baseline', r.baseline], ['platform', r.platform]]) {
      if (!s) continue;
      const ratio = target === 'platform' && r.baseline ? fmt(s.requestsPerSecond / r.baseline.requestsPerSecond, 3) : '';
      lines.push([target === 'baseline' ? r.name : '', target, fmt(s.requestsPerSecond, 1), fmt(s.p50), fmt(s.p99), String(s.errors + s.timeouts), String(s.non2xx), ratio]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const right = new Set([2, 3, 4, 5, 6, 7]);
  const row = (cells) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}
