import { writeFileSync } from 'node:fs';
import type { Outcome } from './send';

/**
 * FUZZ_DUMP=<file>: every request and answer of the run as JSON lines (truncated), to look for
 * patterns the pass criteria do not judge, or to diff two runs.
 */
export function dumpOutcomes(file: string, outcomes: Outcome[]): void {
  const cut = (text: string | undefined) => (text && text.length > 500 ? `${text.slice(0, 500)}…(${text.length} chars)` : text);
  writeFileSync(file, `${outcomes.map((o) => JSON.stringify({
    operation: o.mutation.plan.op.key, mutation: o.mutation.description, area: o.mutation.area,
    method: o.wire.method, target: cut(o.wire.target), contentType: o.wire.headers['content-type'], body: cut(o.wire.body),
    status: o.status, requestId: o.requestId, response: cut(o.text), error: o.error,
  })).join('\n')}\n`);
}
