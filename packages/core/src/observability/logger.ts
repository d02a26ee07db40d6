import pino, { type Logger } from 'pino';

/**
 * Belgian national and BIS numbers: 11 digits, often typed with dots, dashes or spaces.
 * Logs must never hold them in clear (domain.md §4), wherever they appear in a line.
 */
const NATIONAL_NUMBER = /\b\d{2}[.\s-]?\d{2}[.\s-]?\d{2}[.\s-]?\d{3}[.\s-]?\d{2}\b/g;

export function redactIdentifiers(text: string): string {
  return text.replace(NATIONAL_NUMBER, '[redacted]');
}

const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]',
  '*.password', '*.secret', '*.token', '*.clientSecret', '*.nationalNumber', '*.rijksregisternummer', '*.privateJwk',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ketenhuis' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
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
