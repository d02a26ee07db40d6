import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes; blank lines are no records', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\n\n"two\nlines",z\n').records).toEqual([['a', 'b'], ['x, y', 'he said "hi"'], ['two\nlines', 'z']]);
  });

  it("takes the header's delimiter: the semicolon Belgian spreadsheets write, and strips a BOM", () => {
    expect(parseCsv('\uFEFFname;type\nA, B;caw').records).toEqual([['name', 'type'], ['A, B', 'caw']]);
  });

  it('keeps empty fields and reports an unclosed quote', () => {
    expect(parseCsv('a,,c\n,,\n').records).toEqual([['a', '', 'c'], ['', '', '']]);
    expect(parseCsv('a\n"open').error).toMatch(/row 2: a quoted field is not closed/);
  });
});
