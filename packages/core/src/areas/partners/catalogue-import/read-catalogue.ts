import { LineCounter, isSeq, parseDocument } from 'yaml';
import type { FieldError } from '@ketenhuis/sdk';
import { ORGANISATION_FIELDS, type OrganisationChanges } from '../organisation-rules';
import { parseCsv } from './csv';

export type CatalogueFormat = 'yaml' | 'csv';

/** One organisation of the file as written, with where it is (`row 3`, `row 3 (line 12)`). */
export interface CatalogueRow {
  at: string;
  fields: Record<string, unknown>;
}

export interface CatalogueFile {
  rows: CatalogueRow[];
  /** Problems with the file as a whole (syntax, header); no row is trusted then. */
  errors: string[];
}

export const CATALOGUE_FIELDS = ORGANISATION_FIELDS;

export function catalogueFormatOf(file: string): CatalogueFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.csv$/i.test(file)) return 'csv';
  return undefined;
}

export function readCatalogue(text: string, format: CatalogueFormat): CatalogueFile {
  return format === 'yaml' ? readYaml(text) : readCsv(text);
}

function readYaml(text: string): CatalogueFile {
  const lines = new LineCounter();
  // Failsafe: every scalar stays text, so `kbo: 0123456749` keeps its leading zero, as in CSV.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines });
  if (doc.errors.length) return { rows: [], errors: doc.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`) };
  const list = doc.get('organisations', true);
  if (!isSeq(list)) return { rows: [], errors: ['the file must have a list under "organisations:"'] };
  const values = (doc.toJS() as { organisations: unknown[] }).organisations;
  return {
    rows: list.items.map((item, i) => {
      const offset = (item as { range?: [number] }).range?.[0];
      const at = `row ${i + 1}${offset !== undefined ? ` (line ${lines.linePos(offset).line})` : ''}`;
      const value = values[i];
      return { at, fields: value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : { '': value } };
    }),
    errors: [],
  };
}

function readCsv(text: string): CatalogueFile {
  const { records, error } = parseCsv(text);
  if (error) return { rows: [], errors: [error] };
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: ['the file is empty: the first row names the columns'] };
  const columns = header.map((h) => CATALOGUE_FIELDS.find((f) => f.toLowerCase() === h.trim().toLowerCase()));
  const errors = header.flatMap((h, i) => columns[i] ? [] : [`row 1: unknown column "${h.trim()}" (known: ${CATALOGUE_FIELDS.join(', ')})`]);
  for (const required of ['name', 'type'] as const) {
    if (!columns.includes(required)) errors.push(`row 1: the column "${required}" is missing`);
  }
  if (errors.length) return { rows: [], errors };
  return {
    rows: data.map((record, i) => {
      const fields: Record<string, unknown> = {};
      columns.forEach((c, j) => { fields[c!] = record[j]; });
      if (record.length > columns.length) fields[''] = record.slice(columns.length).join(',');
      return { at: `row ${i + 2}`, fields };
    }),
    errors: [],
  };
}

const TRUE = ['true', 'ja', 'yes', 'waar', '1'];
const FALSE = ['false', 'nee', 'no', 'onwaar', '0'];

/** A row's raw values → the changes it asks for. Empty values are "not given": they change nothing. */
export function rowChanges(fields: Record<string, unknown>): { changes: OrganisationChanges; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const changes: OrganisationChanges = {};
  for (const [key, raw] of Object.entries(fields)) {
    const field = CATALOGUE_FIELDS.find((f) => f === key);
    if (!field) {
      errors.push(key === '' ? { field: 'row', message: 'has more values than there are columns, or is not a set of fields' } : { field: key, message: `unknown field (known: ${CATALOGUE_FIELDS.join(', ')})` });
      continue;
    }
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue;
    if (field === 'chains') {
      const list = typeof raw === 'string' ? raw.split(/[\s|,;]+/) : Array.isArray(raw) && raw.every((c) => typeof c === 'string') ? raw as string[] : undefined;
      if (list) changes.chains = list.map((c) => c.trim()).filter(Boolean);
      else errors.push({ field, message: 'must be a list of chain module ids' });
      continue;
    }
    if (typeof raw !== 'string') {
      errors.push({ field, message: 'must be text' });
      continue;
    }
    const value = raw.trim();
    if (field === 'professionalSecrecy') {
      if (TRUE.includes(value.toLowerCase())) changes.professionalSecrecy = true;
      else if (FALSE.includes(value.toLowerCase())) changes.professionalSecrecy = false;
      else errors.push({ field, message: `"${value}" is not yes or no (true/false, ja/nee)` });
    } else {
      changes[field] = value;
    }
  }
  return { changes, errors };
}
