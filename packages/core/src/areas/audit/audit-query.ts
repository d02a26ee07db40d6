import { badRequest, type ChainRequest, type TenantScope } from '@ketenhuis/sdk';
import { AUDIT_VIEW_COLUMNS, toAuditRecordView, type AuditRecordView, type AuditViewRow } from './audit-view';

/** Filters of GET /audit; the OpenAPI document has checked their shapes already. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  from?: string;
  to?: string;
  limit: number;
  /** Records with a smaller id than this (the last of the previous page). */
  before?: string;
}

const MAX_BIGINT = 9223372036854775807n;

// Opaque to clients, so the order it walks may change without breaking them.
export const encodeAuditCursor = (id: string): string => Buffer.from(`audit:${id}`).toString('base64url');

function decodeAuditCursor(cursor: unknown): string | undefined {
  if (typeof cursor !== 'string') return undefined;
  const m = /^audit:([1-9][0-9]{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m && BigInt(m[1]) <= MAX_BIGINT ? m[1] : undefined;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * The document has checked the format; what Postgres refuses beyond it (year 0, an offset past
 * 15 hours) must be a 400 naming the field here, not a cast error in the query.
 */
function timeParam(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = RFC3339.exec(value);
  const [y, mo, d, h, mi, s, oh = 0, om = 0] = (m?.slice(1) ?? []).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const day = new Date(Date.UTC(2000, mo - 1, d));
  day.setUTCFullYear(y);
  const valid = m && y >= 1 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d
    && h < 24 && mi < 60 && s <= 60 && oh <= 15 && om < 60;
  if (!valid) throw badRequest(field, 'is not a date-time such as 2026-01-31T23:00:00Z');
  return value;
}

export function auditQueryOf(req: ChainRequest): AuditQuery {
  const q = req.query as Record<string, string | undefined>;
  const query: AuditQuery = {
    actor: q.actor, action: q.action, objectType: q.objectType, objectId: q.objectId, result: q.result,
    from: timeParam('query.from', q.from), to: timeParam('query.to', q.to), limit: Number(q.limit ?? 20),
  };
  if (q.cursor !== undefined) {
    query.before = decodeAuditCursor(q.cursor);
    if (!query.before) throw badRequest('query.cursor', 'is not a cursor this API gave out');
  }
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.to) < Date.parse(query.from)) {
    throw badRequest('query.to', 'is before from');
  }
  return query;
}

/**
 * One page, newest first by id (the order records were written in; occurred_at may differ by a
 * hair between concurrent transactions). Only the filters given become conditions, so the planner
 * sees plain predicates it can match to the (tenant_id, id) and (tenant_id, actor_subject, id)
 * indexes; row-level security adds the tenant.
 */
export async function auditPage(scope: TenantScope, query: AuditQuery): Promise<{ items: AuditRecordView[]; nextCursor?: string }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (query.actor !== undefined) add((p) => `a.actor_subject = ${p}`, query.actor);
  if (query.action !== undefined) add((p) => `a.action = ${p}`, query.action);
  if (query.objectType !== undefined) add((p) => `a.object_type = ${p}`, query.objectType);
  if (query.objectId !== undefined) add((p) => `a.object_id = ${p}`, query.objectId);
  if (query.result !== undefined) add((p) => `a.result = ${p}`, query.result);
  if (query.from !== undefined) add((p) => `a.occurred_at >= ${p}::timestamptz`, query.from);
  if (query.to !== undefined) add((p) => `a.occurred_at < ${p}::timestamptz`, query.to);
  if (query.before !== undefined) add((p) => `a.id < ${p}::bigint`, query.before);
  params.push(query.limit + 1);
  const rows = await scope.query<AuditViewRow>(
    `SELECT ${AUDIT_VIEW_COLUMNS} FROM audit_records a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.id DESC LIMIT $${params.length}`, params);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toAuditRecordView),
    ...(rows.length > query.limit ? { nextCursor: encodeAuditCursor(page[page.length - 1].id) } : {}),
  };
}
