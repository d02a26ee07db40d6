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
});
