import type { ChainRequest, ChainResponse } from '@ketenhuis/sdk';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** The highest quality the Accept header gives any of `types` (0 when it names none of them). */
function quality(accept: string, types: string[]): number {
  let best = 0;
  for (const entry of accept.split(',')) {
    const [type, ...params] = entry.split(';').map((s) => s.trim().toLowerCase());
    if (!types.includes(type)) continue;
    const q = params.find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    if (Number.isFinite(value)) best = Math.max(best, value);
  }
  return best;
}

/**
 * CSV when the query says `format=csv`, or, without `format`, when the Accept header names
 * text/csv and prefers it at least as much as JSON (a browser link and a script can both ask
 * for it). `format=json` wins over Accept.
 */
export function wantsCsv(req: Pick<ChainRequest, 'query' | 'headers'>): boolean {
  const format = req.query.format;
  if (format !== undefined) return format === 'csv';
  const raw = req.headers.accept;
  const accept = Array.isArray(raw) ? raw.join(',') : raw ?? '';
  const csv = quality(accept, ['text/csv']);
  return csv > 0 && csv >= quality(accept, ['application/json', 'application/*', '*/*']);
}

/** The report as JSON, or as a CSV download named after the report, the chain and its window. */
export function reportResponse<T>(req: Pick<ChainRequest, 'query' | 'headers'>, report: T, csv: (report: T) => string, filename: string): ChainResponse {
  if (!wantsCsv(req)) return { status: 200, body: report };
  return {
    status: 200,
    body: csv(report),
    headers: { 'content-type': CSV_CONTENT_TYPE, 'content-disposition': `attachment; filename="${filename}.csv"` },
  };
}
