import { createHash } from 'node:crypto';

/** prev_hash of a tenant's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the serialisation ever changes; part of every hashed text. */
const FORMAT = 'ketenhuis.audit.v1';

/**
 * The columns a hash covers, as text formatted by Postgres: occurred_at keeps its microseconds
 * (a JS Date would drop them) and its format depends on neither TimeZone nor DateStyle; bigints
 * stay exact. Chainer and verifier select exactly this. The aliases shadow the columns in ORDER
 * BY (a text `id` sorts "10" before "9"), so queries qualify the columns they sort by.
 */
export const HASHED_COLUMNS = `id::text AS id, tenant_id::text AS tenant_id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  request_id, actor_subject, actor_user_id, acting_organisation_id, acting_function, action,
  object_type, object_id, result, purpose, changed_fields`;

export interface HashedRecord {
  id: string;
  tenant_id: string;
  occurred_at: string;
  request_id: string;
  actor_subject: string;
  actor_user_id: string | null;
  acting_organisation_id: string | null;
  acting_function: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  purpose: string;
  changed_fields: (string | null)[] | null;
}

/**
 * sha256 over the previous hash and a canonical text of the record: a JSON array in a fixed
 * order with explicit nulls (JSON.stringify of strings, arrays and null is fully specified, so
 * the text is the same wherever it is computed). The position in the chain is covered too, so
 * moving a record is as visible as changing it.
 *
 * The hash is computed here, not by a function stored in the database: the verifier's logic
 * must not be something whoever can tamper with the rows can also replace.
 */
export function chainHash(prevHash: string, seq: string, r: HashedRecord): string {
  const canonical = JSON.stringify([
    FORMAT, seq, r.id, r.tenant_id, r.occurred_at, r.request_id, r.actor_subject, r.actor_user_id,
    r.acting_organisation_id, r.acting_function, r.action, r.object_type, r.object_id, r.result, r.purpose,
    r.changed_fields,
  ]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}
