import pino, { type Logger } from 'pino';

/**
 * Belgian national and BIS numbers: 11 digits, often typed with dots, dashes or spaces.
 * Logs must never hold them in clear (domain.md §4), wherever they appear in a line.
 */
const NATIONAL_NUMBER = /\b\d{2}[.\s+/-]?\d{2}[.\s+/-]?\d{2}[.\s+/-]?\d{3}[.\s+/-]?\d{2}\b/g;
const ENCODED = /%[0-9A-Fa-f]{2}|\+/;

/**
 * Redacts national numbers as written, and then in the text URL-decoded (`85%2E10%2E17…`,
 * `85+10+17…`): log fields should never hold a raw URL, and this is the net beneath that rule.
 */
export function redactIdentifiers(text: string): string {
  const redacted = text.replace(NATIONAL_NUMBER, '[redacted]');
  if (!ENCODED.test(redacted)) return redacted;
  const decoded = urlDecoded(redacted);
  return decoded.replace(NATIONAL_NUMBER, '[redacted]') === decoded ? redacted : decoded.replace(NATIONAL_NUMBER, '[redacted]');
}

function urlDecoded(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray `%` makes the whole decode fail; decode what can be decoded.
    return spaced.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => { try { return decodeURIComponent(run); } catch { return run; } });
  }
}

/**
 * What a log may say of an error: its class, message, code and stack. Not its other fields: a
 * database error carries the statement's parameters (names, e-mail addresses, note texts) and the
 * row's values in `detail`; and not a bare `{}` either, as an Error's own fields do not enumerate.
 */
const STACK_LINES = 16;

function loggableError(err: Error, depth: number): Record<string, unknown> {
  const code = (err as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  return {
    type: err.name,
    message: redactIdentifiers(err.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(err.stack ? { stack: redactIdentifiers(err.stack.split('\n').slice(0, STACK_LINES).join('\n')) } : {}),
    ...(cause instanceof Error && depth < 3 ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}

/** Scrubs identifiers from every string in a log object, at any depth (fields are named freely). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactIdentifiers(value);
  if (value instanceof Error) return loggableError(value, 0);
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

const SECRET_FIELDS = ['password', 'secret', 'token', 'clientSecret', 'nationalNumber', 'rijksregisternummer', 'privateJwk'];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]',
  '*.password', '*.secret', '*.token', '*.clientSecret', '*.nationalNumber', '*.rijksregisternummer', '*.privateJwk',
];

/**
 * Lines go to stdout asynchronously by default: a request does not wait for a write to the pipe.
 * pino flushes what is buffered when the process exits.
 */
export function createLogger(level = 'info', destination: pino.DestinationStream = pino.destination({ dest: 1, sync: false })): Logger {
  return pino(
    {
      level,
      base: { service: 'ketenhuis' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      // The formatter has already made errors loggable; pino's own serializer would undo the type.
      serializers: { err: (e: unknown) => (e instanceof Error ? loggableError(e, 0) : e) },
      hooks: {
        // Scrubs identifiers from every message string, including interpolated ones. An error
        // logged on its own would lend its message unscrubbed: it is logged as `err` instead.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          const parts = first instanceof Error ? [{ err: first }, ...(rest.length ? rest : [first.message])] : args;
          return method.apply(this, parts.map((a) => (typeof a === 'string' ? redactIdentifiers(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
