import type { Outcome } from './send';

/**
 * The pass criteria of one response, and the failure report an engineer can act on: failures
 * grouped by operation and status, each with the request, what was broken, the answer, and the
 * seed that replays the run.
 */

export interface Failure {
  outcome: Outcome;
  /** What is wrong with the answer. */
  reasons: string[];
}

/** No 5xx, and a 4xx is problem+json whose `status` is the HTTP status. */
export function judge(outcome: Outcome): string[] {
  const { status, contentType, text, error } = outcome;
  if (status === 0) return [`no response (${error})`];
  if (status >= 500) return [`status ${status}`];
  if (status < 400) return [];
  const reasons: string[] = [];
  if (!/^application\/problem\+json\b/.test(contentType ?? '')) reasons.push(`Content-Type ${contentType ?? '(none)'} instead of application/problem+json`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    reasons.push('a body that is not JSON');
  }
  if (body !== undefined && (body as { status?: unknown } | null)?.status !== status) {
    reasons.push(`body.status ${JSON.stringify((body as { status?: unknown } | null)?.status)} instead of ${status}`);
  }
  return reasons;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
/** Control characters and lone surrogates made visible, so a NUL in a path or body shows as \u0000. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const visible = (text: string) => text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function describeFailure(f: Failure): string {
  const { wire, mutation, text, requestId } = f.outcome;
  const lines = [
    `  - ${wire.method} ${cut(visible(wire.target), 220)}`,
    `      mutation: ${mutation.description} [${mutation.area}]`,
  ];
  if (wire.body !== undefined) lines.push(`      request body: ${cut(visible(wire.body), 200)}${wire.headers['content-type'] ? ` (${wire.headers['content-type']})` : ' (no Content-Type)'}`);
  lines.push(`      wrong: ${f.reasons.join('; ')}`);
  if (f.outcome.control !== undefined) {
    lines.push(`      the valid request, sent again right after: ${f.outcome.control}${f.outcome.control >= 500 ? ' too: the operation fails without this mutation as well, so state an earlier request left behind is the likely cause' : ''}`);
  }
  lines.push(`      response${requestId ? ` (x-request-id ${requestId})` : ''}: ${cut(visible(text), 300) || '(empty)'}`);
  return lines.join('\n');
}

/** Every failure, grouped by (operation, status); at most `perGroup` examples shown per group. */
export function failureReport(failures: Failure[], seed: number, budget?: number, perGroup = 10): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.outcome.mutation.plan.op.key} → ${f.outcome.status || 'no response'}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const sections = [...groups.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([key, list]) => [
    `${key}: ${list.length} request(s) (seed ${seed})`,
    ...list.slice(0, perGroup).map(describeFailure),
    ...(list.length > perGroup ? [`  … and ${list.length - perGroup} more: ${[...new Set(list.slice(perGroup).map((f) => f.outcome.mutation.description))].slice(0, 12).join(' | ')}`] : []),
  ].join('\n'));
  return [
    `${failures.length} failing request(s) in ${groups.size} (operation, status) group(s). Replay with FUZZ_SEED=${seed}${budget ? ` FUZZ_REQUESTS=${budget}` : ''}.`,
    ...sections,
  ].join('\n\n');
}
