import type { Request, RequestHandler } from 'express';
import type { Actor } from '@ketenhuis/sdk';
import { TokenError, type TokenVerifier } from '../auth/token-verifier';
import type { ModuleRegistry } from '../modules/module-registry';
import { ProblemError, unauthenticated } from './problem';

export interface Authenticated {
  tenantId: string;
  tenantSlug: string;
  /**
   * From the token alone: subject, and permissions from its `roles` claim. Each request's actor
   * is resolved from this in its unit of work (see ActorResolver): registered users and service
   * accounts get theirs from the database instead.
   */
  actor: Actor;
  kind: 'user' | 'service-account';
}

export const authOf = (req: Request): Authenticated => {
  const auth = (req as Request & { auth?: Authenticated }).auth;
  if (!auth) throw unauthenticated();
  return auth;
};

/** Bearer token → tenant and actor. The tenant can come from nowhere else. */
export function authenticate(verifier: TokenVerifier, registry: ModuleRegistry): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) return next(unauthenticatedWithChallenge('A bearer token is required'));
    try {
      const token = await verifier.verify(match[1]);
      (req as Request & { auth?: Authenticated }).auth = {
        tenantId: token.tenantId,
        tenantSlug: token.tenantSlug,
        actor: { subject: token.subject, roles: token.roles, permissions: registry.permissionsOf(token.roles) },
        kind: token.kind,
      };
      next();
    } catch (err) {
      next(err instanceof TokenError ? unauthenticatedWithChallenge(err.message) : err);
    }
  };
}

function unauthenticatedWithChallenge(detail: string): ProblemError {
  const err = unauthenticated(detail);
  err.headers['WWW-Authenticate'] = 'Bearer realm="ketenhuis"';
  return err;
}
