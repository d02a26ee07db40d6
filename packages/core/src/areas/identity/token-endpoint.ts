import express, { Router, type Request } from 'express';
import type { TenantRegistry } from '../../kernel/tenancy/tenants';
import type { UnitOfWork } from '../../kernel/tenancy/unit-of-work';
import { writeAuditRecord } from '../../kernel/audit';
import { ProblemError, badRequest } from '../../kernel/http/problem';
import { requestIdOf } from '../../kernel/http/request-id';
import { burnVerification } from './client-secret';
import { parseClientId, verifyServiceAccountSecret } from './service-accounts';
import { serviceAccountSubject, type ServiceTokenIssuer } from '../../kernel/auth/service-token-issuer';

export interface TokenEndpointDeps {
  tenants: TenantRegistry;
  uow: UnitOfWork;
  issuer: ServiceTokenIssuer;
  bodyLimit: string;
}

/** One answer for unknown client, wrong secret and revoked account: no hint which it was. */
function invalidClient(basic: boolean): ProblemError {
  const err = new ProblemError(401, 'The client credentials are not valid');
  if (basic) err.headers['WWW-Authenticate'] = 'Basic realm="ketenhuis"';
  return err;
}

/** RFC 6749 §2.3.1: both parts are form-encoded before they are joined with ':'. */
function basicCredentials(req: Request): { id: string; secret: string } | undefined | 'malformed' {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.get('authorization') ?? '');
  if (!match) return req.get('authorization') ? 'malformed' : undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

const field = (body: Record<string, unknown>, name: string): string | undefined => (typeof body[name] === 'string' && body[name] ? body[name] as string : undefined);

/**
 * `POST /api/v1/auth/token`: OAuth 2.0 client credentials for service accounts. Mounted before
 * bearer authentication (the caller has no token yet); rate-limited per address by the caller.
 * Every attempt that names a known tenant leaves an audit record there, refusals included.
 */
export function tokenEndpoint(deps: TokenEndpointDeps): Router {
  const router = Router();
  router.post('/', express.urlencoded({ extended: false, limit: deps.bodyLimit }), async (req, res, next) => {
    try {
      if (!req.is('application/x-www-form-urlencoded')) throw new ProblemError(415, 'Send the token request as application/x-www-form-urlencoded');
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (field(body, 'grant_type') !== 'client_credentials') throw badRequest('body.grant_type', 'must be client_credentials');
      const basic = basicCredentials(req);
      if (basic === 'malformed') throw invalidClient(true);
      if (basic && field(body, 'client_secret')) throw badRequest('body.client_secret', 'authenticate either with HTTP Basic or in the body, not both');
      const clientId = basic?.id ?? field(body, 'client_id');
      const secret = basic?.secret ?? field(body, 'client_secret');
      if (!clientId) throw badRequest('body.client_id', 'is required');
      if (!secret) throw badRequest('body.client_secret', 'is required');

      const client = parseClientId(clientId);
      const tenant = client ? await deps.tenants.findBySlug(client.tenantSlug) : undefined;
      if (!client || !tenant) {
        await burnVerification(secret);
        throw invalidClient(!!basic);
      }
      const requestId = requestIdOf(req);
      const subject = serviceAccountSubject(client.id);
      const ok = await deps.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug, requestId }, async (scope) => {
        const valid = await verifyServiceAccountSecret(scope.manager, client.id, secret);
        await writeAuditRecord(scope.manager, tenant.id, {
          requestId, actorSubject: subject, action: 'service-account.token', objectType: 'service-account', objectId: client.id,
          result: valid ? 'allowed' : 'denied', purpose: 'administration', changedFields: [],
        });
        return valid;
      });
      if (!ok) throw invalidClient(!!basic);
      const { token, expiresIn } = await deps.issuer.sign(tenant.id, client.id);
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
