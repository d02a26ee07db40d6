import type { Request, RequestHandler } from 'express';
import type { EntityManager } from 'typeorm';
import { TOKENS, type Actor, type AuditDetails, type ChainRequest, type ChainResponse, type RouteAudit, type TenantScope } from '@ketenhuis/sdk';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import { authOf, type Authenticated } from './authenticate';
import { forbidden, notFound } from './problem';
import { requestIdOf } from './request-id';
import { auditFailure, auditSuccess, type RequestAuditContext } from './request-audit';
import { claimOrReplay, idempotencyOf, remember } from './idempotency';
import { checkRequestInput } from './request-input';
import { CORE_TOKENS } from '../core-tokens';
import type { ExistsRow } from '../db/rows';

export interface TenantHandlerOptions {
  permission?: string;
  /** Module routes answer 404 for tenants that did not enable the module. */
  moduleId?: string;
  /** Audited routes leave exactly one audit record per request, whatever its outcome. */
  audit?: RouteAudit;
  /**
   * Decides the request's actor (user, membership, tenant-adjusted permissions) in its unit of
   * work, before the permission check; without it the token's actor acts.
   */
  resolveActor?: (manager: EntityManager, auth: Authenticated, req: Request) => Promise<Actor>;
  /** The response shows a secret once: Idempotency-Key is refused (see idempotencyOf). */
  showsSecret?: boolean;
}

/**
 * Runs a handler in the caller's tenant unit of work and answers only after it committed, so a
 * client never sees a success that was rolled back. A thrown error rolls everything back.
 */
export function tenantHandler(uow: UnitOfWork, opts: TenantHandlerOptions, handle: (req: ChainRequest, scope: TenantScope) => Promise<ChainResponse>): RequestHandler {
  return async (req: Request, res, next) => {
    let audited: RequestAuditContext | undefined;
    let tenant: { tenantId: string; tenantSlug: string } | undefined;
    try {
      const auth = authOf(req);
      tenant = { tenantId: auth.tenantId, tenantSlug: auth.tenantSlug };
      const requestId = requestIdOf(req);
      const params = checkRequestInput(req, req.params as Record<string, string>);
      const details: AuditDetails = {};
      if (opts.audit) audited = { audit: opts.audit, requestId, actor: auth.actor, params, details };
      const onAudit = (d: AuditDetails) => {
        if (d.objectId !== undefined) details.objectId = d.objectId;
        if (d.changedFields) details.changedFields = [...new Set([...(details.changedFields ?? []), ...d.changedFields])];
      };
      const resolveActor = async (manager: EntityManager) => {
        const actor = opts.resolveActor ? await opts.resolveActor(manager, auth, req) : auth.actor;
        // The record names who acted for which organisation, refusals included.
        if (audited) audited.actor = actor;
        return actor;
      };
      const result = await uow.run({ ...tenant, requestId, actor: auth.actor, onAudit, resolveActor }, async (scope) => {
        const actor = scope.actor ?? auth.actor;
        // Inside the unit of work: the permissions depend on rows of the tenant. A refusal rolls
        // back (nothing was done) and is audited in a transaction of its own below.
        if (opts.permission && !actor.permissions.has(opts.permission)) throw forbidden();
        if (opts.moduleId) {
          const [enabled] = await scope.query<ExistsRow>('SELECT 1 FROM tenant_modules WHERE module_id = $1', [opts.moduleId]);
          if (!enabled) throw notFound();
        }
        const idempotent = idempotencyOf(req, actor.subject, opts);
        // Only a request with a key needs the cipher: the kept response is encrypted.
        const cipher = idempotent && scope.resolve(CORE_TOKENS.FieldCipher);
        const replay = idempotent && cipher && (await claimOrReplay(scope.manager, scope.tenantId, idempotent, scope.resolve(TOKENS.Clock).now(), cipher));
        if (replay) {
          if (audited) auditSuccess(scope.manager, scope.tenantId, audited);
          return replay;
        }
        const chainReq: ChainRequest = { params, query: req.query as Record<string, unknown>, body: req.body, headers: req.headers, actor };
        const result = await handle(chainReq, scope);
        if (idempotent && cipher) await remember(scope.manager, scope.tenantId, idempotent, result, cipher);
        // The client was already told 503 (timeout) or went away: roll back rather than commit
        // work nobody will learn about, which a retrying client would then do twice.
        if (res.headersSent || req.socket.destroyed) throw new Error('request ended before its work finished; rolled back');
        if (audited) auditSuccess(scope.manager, scope.tenantId, audited);
        return result;
      });
      if (res.headersSent) return;
      res.status(result.status).set(result.headers ?? {});
      if (result.body === undefined) res.end();
      // A text body (a CSV report) goes out as written, with the Content-Type its handler set.
      else if (typeof result.body === 'string') res.send(result.body);
      else res.json(result.body);
    } catch (err) {
      if (audited && tenant) {
        // If even the refusal cannot be recorded, answer with that failure: an unaudited
        // access to personal data must not look like an ordinary refusal.
        try { await auditFailure(uow, tenant, audited, err); } catch (auditErr) { return next(auditErr); }
      }
      next(err);
    }
  };
}
