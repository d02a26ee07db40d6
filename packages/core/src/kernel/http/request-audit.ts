import type { EntityManager } from 'typeorm';
import { ProblemError, type Actor, type AuditDetails, type RouteAudit } from '@ketenhuis/sdk';
import { auditRecordSql, type AuditEntry, type AuditResult } from '../audit';
import { atCommit } from '../tenancy/in-tenant';
import type { UnitOfWork } from '../tenancy/unit-of-work';

/** How a failed request is recorded: refusals are told apart from our own failures. */
export function auditResultOf(err: unknown): AuditResult {
  if (!(err instanceof ProblemError)) return 'error';
  if (err.status === 403) return 'denied';
  if (err.status === 404) return 'not-found';
  return err.status < 500 ? 'invalid' : 'error';
}

export interface RequestAuditContext {
  audit: RouteAudit;
  requestId: string;
  actor: Actor;
  params: Record<string, string>;
  details: AuditDetails;
}

export function auditEntry(ctx: RequestAuditContext, result: AuditResult): AuditEntry {
  return {
    requestId: ctx.requestId,
    actorSubject: ctx.actor.subject,
    actorUserId: ctx.actor.userId ?? null,
    actingOrganisationId: ctx.actor.organisationId ?? null,
    actingFunction: ctx.actor.function ?? null,
    action: ctx.audit.action,
    objectType: ctx.audit.objectType,
    objectId: ctx.details.objectId ?? (ctx.audit.objectIdParam ? ctx.params[ctx.audit.objectIdParam] : undefined) ?? null,
    result,
    purpose: ctx.audit.purpose ?? 'casework',
    changedFields: ctx.details.changedFields ?? [],
  };
}

/** In the request's transaction, sent with its COMMIT: the record commits exactly when the work does. */
export function auditSuccess(manager: EntityManager, tenantId: string, ctx: RequestAuditContext): void {
  atCommit(manager, auditRecordSql(tenantId, auditEntry(ctx, 'allowed')));
}

/** After a rollback, in a transaction of its own: the refusal is kept although the work is not. */
export async function auditFailure(uow: UnitOfWork, tenant: { tenantId: string; tenantSlug: string }, ctx: RequestAuditContext, err: unknown): Promise<void> {
  await uow.run({ ...tenant, requestId: ctx.requestId, actor: ctx.actor }, async (scope) =>
    atCommit(scope.manager, auditRecordSql(tenant.tenantId, auditEntry(ctx, auditResultOf(err)))));
}
