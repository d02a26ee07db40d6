/**
 * Reads CSV as spreadsheets write it (RFC 4180: quoted fields, doubled quotes, line breaks inside
 * quotes). The delimiter is the header's: a comma, or the semicolon Belgian Excel writes.
 * Returns records; a record's index + 1 is its spreadsheet row.
 */
export function parseCsv(text: string): { records: string[][]; error?: string } {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => { record.push(field); field = ''; };
  const endRecord = () => {
    endField();
    // Blank lines (a trailing newline, spacer rows) are not records.
    if (record.length > 1 || record[0].trim() !== '') records.push(record);
    record = [];
  };
  while (i < source.length) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field.trim() === '') { field = ''; quoted = true; i++; continue; }
    if (c === delimiter) { endField(); i++; continue; }
    if (c === '\r' && source[i + 1] === '\n') { endRecord(); i += 2; continue; }
    if (c === '\n') { endRecord(); i++; continue; }
    field += c; i++;
  }
  if (quoted) return { records, error: `row ${records.length + 1}: a quoted field is not closed` };
  if (field !== '' || record.length) endRecord();
  return { records };
}
