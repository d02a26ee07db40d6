import { badRequest, type CaseFieldDefinition } from '@ketenhuis/sdk';
import { isCalendarDate } from '../../kernel/values/calendar-date';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why `value` does not fit the field, or undefined when it does. */
function problemWith(def: CaseFieldDefinition, value: unknown): string | undefined {
  const matches = (v: string) => !def.pattern || new RegExp(def.pattern).test(v);
  switch (def.type) {
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? undefined : 'must be a date (YYYY-MM-DD)';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value))
        ? undefined : 'must be a date and time with its offset (e.g. 2026-03-02T08:00:00Z)';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'must be a whole number';
    case 'text':
      if (typeof value !== 'string' || value.trim() === '' || value.length > 500) return 'must be a text of 1 to 500 characters';
      return matches(value) ? undefined : `does not match the pattern ${def.pattern}`;
    case 'code-list':
      if (!Array.isArray(value) || value.length > 50 || !value.every((v) => typeof v === 'string' && v !== '' && v.length <= 64)) {
        return 'must be a list of up to 50 codes';
      }
      return value.every(matches) ? undefined : `every code must match the pattern ${def.pattern}`;
  }
}

/**
 * Checks values for a case type's declared fields and returns them normalised (a datetime in
 * UTC). `at` is where the caller put them (`body.fields`, `body.input`), so a 400 names the field.
 */
export function checkCaseFields(defs: CaseFieldDefinition[] | undefined, values: Record<string, unknown>, at: string,
  opts: { registering?: boolean; only?: string[] } = {}): Record<string, unknown> {
  const byId = new Map((defs ?? []).map((d) => [d.id, d]));
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values)) {
    if (opts.only && !opts.only.includes(id)) continue;
    const def = byId.get(id);
    if (!def) throw badRequest(`${at}.${id}`, 'is not a field of this case type');
    if (value === null) {
      out[id] = null;
      continue;
    }
    const problem = problemWith(def, value);
    if (problem) throw badRequest(`${at}.${id}`, problem);
    out[id] = def.type === 'datetime' ? new Date(value as string).toISOString() : value;
  }
  if (opts.registering) {
    for (const def of defs ?? []) {
      if (def.requiredAtRegistration && (out[def.id] === undefined || out[def.id] === null)) throw badRequest(`${at}.${def.id}`, 'is required to register a case of this type');
    }
  }
  return out;
}
