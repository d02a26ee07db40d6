import { Writable } from 'node:stream';
import { createLogger, redactIdentifiers } from './logger';

// Synthetic national numbers with valid check digits (97 - n mod 97), never real people.
const CANARY = '85.07.30-033.28';
const CANARY_PLAIN = '85073003328';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
}

describe('log redaction', () => {
  it('scrubs national numbers in any notation from message strings', () => {
    for (const nn of [CANARY, CANARY_PLAIN, '85 07 30 033 28', '85-07-30-033-28']) {
      expect(redactIdentifiers(`person ${nn} registered`)).toBe('person [redacted] registered');
    }
  });

  it('leaves ordinary numbers alone', () => {
    expect(redactIdentifiers('case M-2026-000123, 42 items, zone 5375')).toBe('case M-2026-000123, 42 items, zone 5375');
  });

  it('never writes a national number, token or secret field to the log', () => {
    const { logger, text } = capture();
    logger.info(`lookup ${CANARY}`);
    logger.info({ nationalNumber: CANARY_PLAIN, password: 'hunter2', req: { headers: { authorization: 'Bearer abc.def.ghi' } } }, 'request');
    const out = text();
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain(CANARY_PLAIN);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('abc.def.ghi');
    expect(out).toContain('[redacted]');
  });

  it('scrubs national numbers written URL-encoded or form-encoded', () => {
    for (const nn of ['85%2E07%2E30-033%2E28', '85%2007%2030%20033%2028', '85+07+30+033+28', '85073003328%20', '%38%35073003328']) {
      const out = redactIdentifiers(`GET /api/v1/persons?nationalNumber=${nn}`);
      expect(out).toContain('[redacted]');
      expect(out.replace(/\D/g, '')).not.toContain(CANARY_PLAIN);
    }
    // A lone % must not stop the decode of the rest.
    expect(redactIdentifiers('100% sure: 85%2E07%2E30-033%2E28')).not.toContain('033');
  });

  it('logs an error with its type, message, code and stack, and never its query parameters or row detail', () => {
    const { logger, text } = capture();
    const err = Object.assign(new Error(`insert failed for ${CANARY}`), {
      name: 'QueryFailedError', code: '23505', parameters: ['Jan Peeters', 'jan@example.org'], detail: 'Key (email)=(jan@example.org) already exists.',
      driverError: { code: '23505', detail: 'Key (email)=(jan@example.org) already exists.' },
    });
    logger.error({ err, requestId: 'r-1' }, 'unhandled error');
    logger.error(err);
    const [withObject, alone] = text().trim().split('\n').map((l) => JSON.parse(l) as { err: Record<string, string>; msg: string });
    for (const line of [withObject, alone]) {
      expect(line.err).toEqual({ type: 'QueryFailedError', message: 'insert failed for [redacted]', code: '23505', stack: expect.stringContaining('QueryFailedError: insert failed for [redacted]') });
    }
    expect(alone.msg).toBe('insert failed for [redacted]');
    expect(text()).not.toContain('jan@example.org');
    expect(text()).not.toContain('Peeters');
  });
});
