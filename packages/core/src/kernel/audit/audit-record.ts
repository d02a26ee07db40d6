import { escapeLiteral } from 'pg';
import type { EntityManager } from 'typeorm';
import type { AuditPurpose } from '@ketenhuis/sdk';

export type { AuditPurpose } from '@ketenhuis/sdk';
export type AuditResult = 'allowed' | 'denied' | 'not-found' | 'invalid' | 'error';

export const AUDIT_RESULTS: readonly AuditResult[] = ['allowed', 'denied', 'not-found', 'invalid', 'error'];
export const AUDIT_PURPOSES: readonly AuditPurpose[] = ['casework', 'case-consultation', 'statistics', 'administration'];

export interface AuditEntry {
  requestId: string;
  actorSubject: string;
  actorUserId?: string | null;
  actingOrganisationId?: string | null;
  actingFunction?: string | null;
  /** `<object>.<verb>`, e.g. `case.read`, `person.search`, `partner.update`. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: AuditResult;
  purpose: AuditPurpose;
  /** Names only, never values. */
  changedFields?: string[];
}

/**
 * A field name, possibly a path (`address.street`, `contacts[0].phone`, `/address/street`). It
 * cannot catch every value, but it stops the likely leaks: free text with spaces, numbers such
 * as a national number, anything long.
 */
const FIELD_NAME = /^\/?[A-Za-z_][A-Za-z0-9_.[\]/-]{0,127}$/;

function check(entry: AuditEntry): void {
  for (const key of ['requestId', 'actorSubject', 'action'] as const) {
    if (typeof entry[key] !== 'string' || !entry[key]) throw new TypeError(`audit entry: ${key} is required`);
  }
  if (!AUDIT_RESULTS.includes(entry.result)) throw new TypeError(`audit entry: result "${entry.result}" is not one of ${AUDIT_RESULTS.join(', ')}`);
  if (!AUDIT_PURPOSES.includes(entry.purpose)) throw new TypeError(`audit entry: purpose "${entry.purpose}" is not one of ${AUDIT_PURPOSES.join(', ')}`);
  const bad = (entry.changedFields ?? []).find((f) => typeof f !== 'string' || !FIELD_NAME.test(f));
  // The offending string is left out of the message: it may be the very value that must not leak.
  if (bad !== undefined) throw new TypeError('audit entry: changedFields holds something that is not a field name (names only, never values)');
}

/**
 * Inserts one record in the caller's tenant transaction, so it commits or rolls back with the
 * work it describes. The database sets id and occurred_at; the chainer links it later.
 */
export async function writeAuditRecord(manager: EntityManager, tenantId: string, entry: AuditEntry): Promise<string> {
  check(entry);
  const { scalars, changedFields } = valuesOf(tenantId, entry);
  const [row]: { id: string }[] = await manager.query(
    `${AUDIT_INSERT} VALUES (${scalars.map((_, i) => `$${i + 1}`).join(', ')}, $${scalars.length + 1}::text[]) RETURNING id::text AS id`,
    [...scalars, changedFields],
  );
  return row.id;
}

const AUDIT_INSERT = `INSERT INTO audit_records (tenant_id, request_id, actor_subject, actor_user_id, acting_organisation_id,
  acting_function, action, object_type, object_id, result, purpose, changed_fields)`;

/** The record's values in AUDIT_INSERT's column order: the text columns, then changed_fields. */
function valuesOf(tenantId: string, entry: AuditEntry): { scalars: Array<string | null>; changedFields: string[] | null } {
  return {
    scalars: [tenantId, entry.requestId, entry.actorSubject, entry.actorUserId ?? null, entry.actingOrganisationId ?? null,
      entry.actingFunction ?? null, entry.action, entry.objectType ?? null, entry.objectId ?? null, entry.result, entry.purpose],
    changedFields: entry.changedFields ?? null,
  };
}

const literal = (v: string | null) => (v === null ? 'NULL' : escapeLiteral(v));

/**
 * The same record as writeAuditRecord, as one statement with its values written in as literals
 * (escaped by pg), for a unit of work to send with its COMMIT (see atCommit).
 */
export function auditRecordSql(tenantId: string, entry: AuditEntry): string {
  check(entry);
  const { scalars, changedFields } = valuesOf(tenantId, entry);
  return `${AUDIT_INSERT} VALUES (${scalars.map(literal).join(', ')},
    ${changedFields === null ? 'NULL' : `ARRAY[${changedFields.map(literal).join(', ')}]`}::text[])`;
}
