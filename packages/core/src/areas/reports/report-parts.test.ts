import { ProblemError } from '@ketenhuis/sdk';
import { ConfigError, loadConfig } from '../../kernel/config/config';
import { toCsv } from './csv';
import { wantsCsv } from './report-response';
import { minCellSizeOf, reportWindowOf, shownCount } from './report-window';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err.errors?.[0]?.field;
    throw err;
  }
  return undefined;
};

describe('reportWindowOf', () => {
  it('takes two real dates and a period, month by default', () => {
    expect(reportWindowOf({ from: '2026-02-01', to: '2026-02-01' })).toEqual({ from: '2026-02-01', to: '2026-02-01', period: 'month' });
    expect(reportWindowOf({ from: '2024-02-29', to: '2024-03-31', period: 'week' }).period).toBe('week');
  });

  it.each([
    [{ to: '2026-02-01' }, 'query.from'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'query.from'],
    [{ from: '2026-02-01', to: '2026-2-3' }, 'query.to'],
    [{ from: '2026-03-01', to: '2026-02-28' }, 'query.to'],
    [{ from: '2026-02-01', to: '2026-02-28', period: 'day' }, 'query.period'],
  ])('refuses %j naming %s', (input, field) => {
    expect(fieldOf(() => reportWindowOf(input))).toBe(field);
  });

  it('names the CLI option when asked to', () => {
    expect(fieldOf(() => reportWindowOf({ from: 'gisteren', to: '2026-02-28' }, '--'))).toBe('--from');
  });
});

describe('small cells', () => {
  it('uses the configured floor by default, and never goes below it', () => {
    expect(minCellSizeOf(undefined, 1)).toBe(1);
    expect(minCellSizeOf(undefined, 5)).toBe(5);
    expect(minCellSizeOf(10, 5)).toBe(10);
    expect(minCellSizeOf('2', 5)).toBe(5);
    expect(fieldOf(() => minCellSizeOf(0, 1))).toBe('query.minCellSize');
    expect(fieldOf(() => minCellSizeOf('2.5', 1, '--min-cell-size'))).toBe('--min-cell-size');
  });

  it('reads the floor from KETENHUIS_REPORT_MIN_CELL, 1 by default', () => {
    expect(loadConfig({}).reportMinCellSize).toBe(1);
    expect(loadConfig({ KETENHUIS_REPORT_MIN_CELL: '5' }).reportMinCellSize).toBe(5);
    expect(() => loadConfig({ KETENHUIS_REPORT_MIN_CELL: '0' })).toThrow(ConfigError);
  });

  it('withholds 1 to n - 1, never 0', () => {
    expect(shownCount(0, 5)).toEqual({ count: 0, suppressed: false });
    expect(shownCount(1, 5)).toEqual({ count: '<5', suppressed: true });
    expect(shownCount(4, 5)).toEqual({ count: '<5', suppressed: true });
    expect(shownCount(5, 5)).toEqual({ count: 5, suppressed: false });
    expect(shownCount(1, 1)).toEqual({ count: 1, suppressed: false });
  });
});

describe('toCsv', () => {
  it('writes RFC 4180: CRLF records, quoted commas, quotes and line breaks, empty nulls', () => {
    expect(toCsv(['a', 'b', 'c'], [['x,y', 'say "hi"', null], ['line\nbreak', 3.5, -2], [true, undefined, '<5']]))
      .toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"line\nbreak",3.5,-2\r\ntrue,,<5\r\n');
  });

  it('keeps text a spreadsheet would run as a formula as text; numbers stay numbers', () => {
    expect(toCsv(['name'], [['=HYPERLINK("x")'], ['+32'], ['-1'], ['@SUM(A1)'], [-1]])).toBe('name\r\n"\'=HYPERLINK(""x"")"\r\n\'+32\r\n\'-1\r\n\'@SUM(A1)\r\n-1\r\n');
  });
});

describe('wantsCsv', () => {
  const ask = (query: Record<string, unknown>, accept?: string) => wantsCsv({ query, headers: accept === undefined ? {} : { accept } });

  it('follows format first, then an Accept header that prefers text/csv', () => {
    expect(ask({})).toBe(false);
    expect(ask({ format: 'csv' })).toBe(true);
    expect(ask({ format: 'json' }, 'text/csv')).toBe(false);
    expect(ask({}, 'text/csv')).toBe(true);
    expect(ask({}, 'text/csv;q=0.9, application/json;q=0.5')).toBe(true);
    expect(ask({}, 'application/json, text/csv;q=0.5')).toBe(false);
    expect(ask({}, '*/*')).toBe(false);
    expect(ask({}, 'text/csv, */*')).toBe(true);
  });
});
