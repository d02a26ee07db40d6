import { Writable } from 'node:stream';

/** One line the platform logged, parsed; a line that is not JSON is kept as `{ unparsable }`. */
export type LogLine = Record<string, unknown> & { level?: number; msg?: string; unparsable?: string };

export interface LogCapture {
  /** Give to startTestPlatform({ logDestination }). */
  destination: Writable;
  /** Every line as written (without its newline). */
  raw: string[];
  lines(): LogLine[];
}

/** Collects what the platform logs, line by line (pino writes one JSON object per line). */
export function captureLogs(): LogCapture {
  const raw: string[] = [];
  let pending = '';
  const destination = new Writable({
    write(chunk, _encoding, cb) {
      pending += chunk.toString();
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        raw.push(pending.slice(0, end));
        pending = pending.slice(end + 1);
      }
      cb();
    },
  });
  return {
    destination,
    raw,
    lines: () => raw.filter((l) => l.trim() !== '').map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        return { unparsable: l };
      }
    }),
  };
}

/** Every string anywhere in a parsed log line, at any depth. */
export function stringsOf(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 12 || value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).flatMap((v) => stringsOf(v, depth + 1));
}

/** Every object anywhere in a parsed log line (the line itself included). */
export function objectsOf(value: unknown, depth = 0): Record<string, unknown>[] {
  if (depth > 12 || value === null || typeof value !== 'object') return [];
  const self = Array.isArray(value) ? [] : [value as Record<string, unknown>];
  return [...self, ...Object.values(value as Record<string, unknown>).flatMap((v) => objectsOf(v, depth + 1))];
}
