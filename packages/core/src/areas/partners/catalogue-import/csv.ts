import { CsvError, parse } from 'csv-parse/sync';

/**
 * Reads CSV as spreadsheets write it (RFC 4180: quoted fields, doubled quotes, line breaks inside
 * quotes), with csv-parse. The delimiter is the header's: a comma, or the semicolon Belgian Excel
 * writes. Blank lines (a trailing newline, spacer rows) are no records; rows may differ in length,
 * which the import reports per row. Returns records; a record's index + 1 is its spreadsheet row.
 */
export function parseCsv(text: string): { records: string[][]; error?: string } {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    // Line ends as any editor leaves them, mixed too; a quote inside an unquoted field is text.
    const records = parse(source, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
    return { records };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // The row is the record csv-parse was reading: those before it were read whole.
    const row = ((err as CsvError & { records?: number }).records ?? 0) + 1;
    return { records: [], error: `row ${row}: ${err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is not closed' : err.message}` };
  }
}
