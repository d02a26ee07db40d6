export type CsvValue = string | number | boolean | null | undefined;

/** A cell a spreadsheet would run as a formula (OWASP "CSV injection"): text only, numbers are safe. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Organisation names and titles come from users; a leading quote keeps them text.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180: a header row, comma-separated fields, CRLF after every record, fields holding a
 * comma, quote or line break quoted with their quotes doubled.
 */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}
