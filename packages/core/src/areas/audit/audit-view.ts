import { HASHED_COLUMNS, type HashedRecord } from '../../kernel/audit/chain-hash';

/**
 * What the API shows of a record: every column, the hashed ones exactly as the chain hashes
 * them (occurred_at to the microsecond, in UTC), so whoever holds an export can recompute the
 * hashes. Sorting queries qualify their columns (alias `a`): the text `id` alias shadows the column.
 */
export const AUDIT_VIEW_COLUMNS = `${HASHED_COLUMNS}, a.seq::text AS seq, a.prev_hash, a.hash`;

export type AuditViewRow = HashedRecord & { seq: string | null; prev_hash: string | null; hash: string | null };

export function toAuditRecordView(r: AuditViewRow) {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    occurredAt: r.occurred_at,
    requestId: r.request_id,
    actorSubject: r.actor_subject,
    actorUserId: r.actor_user_id,
    actingOrganisationId: r.acting_organisation_id,
    actingFunction: r.acting_function,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    result: r.result,
    purpose: r.purpose,
    changedFields: r.changed_fields,
    seq: r.seq === null ? null : Number(r.seq),
    prevHash: r.prev_hash,
    hash: r.hash,
    chained: r.hash !== null,
  };
}

export type AuditRecordView = ReturnType<typeof toAuditRecordView>;
