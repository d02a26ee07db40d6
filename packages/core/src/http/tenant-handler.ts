import type { Request, RequestHandler } from 'express';
import type { ChainRequest, ChainResponse, TenantScope } from '@ketenhuis/sdk';
import type { UnitOfWork } from '../tenancy/unit-of-work';
import { authOf } from './authenticate';
import { forbidden, notFound } from './problem';
import { requestIdOf } from './request-id';

export interface TenantHandlerOptions {
  permission?: string;
  /** Module routes answer 404 for tenants that did not enable the module. */
  moduleId?: string;
}

/**
 * Runs a handler in the caller's tenant unit of work and answers only after it committed, so a
 * client never sees a success that was rolled back. A thrown error rolls everything back.
 */
export function tenantHandler(uow: UnitOfWork, opts: TenantHandlerOptions, handle: (req: ChainRequest, scope: TenantScope) => Promise<ChainResponse>): RequestHandler {
  return async (req: Request, res, next) => {
    try {
      const auth = authOf(req);
      if (opts.permission && !auth.actor.permissions.has(opts.permission)) throw forbidden();
      const result = await uow.run({ tenantId: auth.tenantId, tenantSlug: auth.tenantSlug, requestId: requestIdOf(req), actor: auth.actor }, async (scope) => {
        if (opts.moduleId) {
          const [enabled] = await scope.query('SELECT 1 FROM tenant_modules WHERE module_id = $1', [opts.moduleId]);
          if (!enabled) throw notFound();
        }
        const chainReq: ChainRequest = {
          params: req.params as Record<string, string>,
          query: req.query as Record<string, unknown>,
          body: req.body,
          headers: req.headers,
          actor: auth.actor,
        };
        const result = await handle(chainReq, scope);
        // The client was already told 503 (timeout) or went away: roll back rather than commit
        // work nobody will learn about, which a retrying client would then do twice.
        if (res.headersSent || req.socket.destroyed) throw new Error('request ended before its work finished; rolled back');
        return result;
      });
      if (res.headersSent) return;
      res.status(result.status).set(result.headers ?? {});
      if (result.body === undefined) res.end();
      else res.json(result.body);
    } catch (err) {
      next(err);
    }
  };
}
