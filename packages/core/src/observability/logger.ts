import pino, { type Logger } from 'pino';

/**
 * Belgian national and BIS numbers: 11 digits, often typed with dots, dashes or spaces.
 * Logs must never hold them in clear (domain.md §4), wherever they appear in a line.
 */
const NATIONAL_NUMBER = /\b\d{2}[.\s-]?\d{2}[.\s-]?\d{2}[.\s-]?\d{3}[.\s-]?\d{2}\b/g;

export function redactIdentifiers(text: string): string {
  return text.replace(NATIONAL_NUMBER, '[redacted]');
}

/** Scrubs identifiers from every string in a log object, at any depth (fields are named freely). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactIdentifiers(value);
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

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ketenhuis' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        // Scrubs identifiers from every message string, including interpolated ones.
        logMethod(args, method) {
          return method.apply(this, args.map((a) => (typeof a === 'string' ? redactIdentifiers(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
