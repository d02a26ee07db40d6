import express, { type Express, type Request } from 'express';
import type { EntityManager } from 'typeorm';
import helmet from 'helmet';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import type { PlatformFeature, RouteDefinition } from '@ketenhuis/sdk';
import type { OpenApiDocument } from '@ketenhuis/contracts';
import type { PlatformConfig } from './kernel/config/config';
import type { ModuleRegistry } from './kernel/modules/module-registry';
import type { TokenVerifier } from './kernel/auth/token-verifier';
import type { UnitOfWork } from './kernel/tenancy/unit-of-work';
import type { TenantRegistry } from './kernel/tenancy/tenants';
import type { PlatformMetrics } from './kernel/observability/metrics';
import { requestId } from './kernel/http/request-id';
import { requestLog } from './kernel/http/request-log';
import { routeTemplateOf, routeTemplates } from './kernel/http/route-template';
import { headAsGet, validatorDocument } from './kernel/http/validator-document';
import { byAddress, rateLimit } from './kernel/http/rate-limit';
import { requestTimeout } from './kernel/http/request-timeout';
import { authOf, authenticate, type Authenticated } from './kernel/http/authenticate';
import { tenantHandler } from './kernel/http/tenant-handler';
import { errorHandler, notFoundHandler } from './kernel/http/error-handler';
import { apiDocsRouter } from './kernel/http/api-docs';
import { ACTING_ORGANISATION_HEADER, ActorResolver } from './areas/identity/actor-resolver';
import type { ActorCache } from './kernel/auth/actor-cache';
import { tokenEndpoint } from './areas/identity/token-endpoint';
import type { ServiceTokenIssuer } from './kernel/auth/service-token-issuer';
import { unavailable } from './kernel/http/problem';
import { UUID } from './kernel/values/uuid';

export interface AppDeps {
  config: Pick<PlatformConfig, 'bodyLimit' | 'requestTimeoutMs' | 'rateLimitPerMinute'>;
  logger: Logger;
  metrics: PlatformMetrics;
  registry: ModuleRegistry;
  verifier: TokenVerifier;
  uow: UnitOfWork;
  tenants: TenantRegistry;
  serviceTokens: ServiceTokenIssuer;
  openapi: OpenApiDocument;
  /** Core's areas (coreFeatures): their routes are mounted under /api/v1, before the chains'. */
  features: PlatformFeature[];
  /** Keeps resolved actors between requests; without it every request resolves its actor anew. */
  actors?: ActorCache;
  /** Each resolves when its dependency answers; /readyz reports 503 naming what failed. */
  readiness: Record<string, () => Promise<void>>;
}

const toExpressPath = (p: string) => p.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

/** The HTTP pipeline of architecture §4, in order: ids, logs, headers, limits, auth, validation, handlers, problems. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');

  app.use(requestId);
  const templates = routeTemplates(deps.openapi);
  app.use(requestLog(deps.logger, templates, (path) => path === '/healthz' || path === '/metrics'));
  app.use(helmet());
  app.use((req, res, next) => {
    const stop = deps.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // Route templates only: a raw path would put ids in labels and let any client, even one
      // without a token, grow the series without bound.
      const route = routeTemplateOf(req, templates);
      deps.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  });
  app.use(requestTimeout(deps.config.requestTimeoutMs));

  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', async (_req, res, next) => {
    const checks = await Promise.all(Object.entries(deps.readiness).map(async ([name, check]) => {
      try { await check(); return [name, 'ok'] as const; } catch { return [name, 'unavailable'] as const; }
    }));
    const failed = checks.filter(([, s]) => s !== 'ok').map(([n]) => n);
    if (failed.length) return next(unavailable(`Not ready: ${failed.join(', ')} unreachable`));
    res.json({ status: 'ready', checks: Object.fromEntries(checks) });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.get('/api/v1/openapi.json', (_req, res) => { res.json(deps.openapi); });
  app.use('/api/v1', apiDocsRouter());

  // Two limits: per address before authentication (a flood of forged tokens costs little), and per
  // tenant and subject after it (the fair share of one partner system, even behind one NAT).
  const limit = deps.config.rateLimitPerMinute;
  // Before bearer authentication: service accounts come here for their token. Per address at the
  // authenticated rate, as every attempt costs a deliberately slow hash.
  app.use('/api/v1/auth/token', rateLimit(limit, byAddress),
    tokenEndpoint({ tenants: deps.tenants, uow: deps.uow, issuer: deps.serviceTokens, bodyLimit: deps.config.bodyLimit }));
  app.use('/api/v1', rateLimit(limit * 10, byAddress), authenticate(deps.verifier, deps.registry),
    rateLimit(limit, (req) => { const a = authOf(req); return `${a.tenantId}:${a.actor.subject}`; }));
  app.use(express.json({ limit: deps.config.bodyLimit, strict: true }));
  const head = headAsGet();
  app.use(head.before);
  app.use(OpenApiValidator.middleware({
    apiSpec: validatorDocument(deps.openapi) as never,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true },
    validateResponses: false,
    validateSecurity: false,
    // Full mode checks dates for real (no 30 February, no month 13); the default's pattern lets
    // them through to Postgres, which refuses them with a 500.
    ajvFormats: { mode: 'full' },
    // The default also takes `urn:uuid:…`, which PostgreSQL does not; either case is fine.
    formats: { uuid: UUID },
    ignorePaths: /^\/(healthz|readyz|metrics)$/,
  }));
  app.use(...head.after);

  const actors = new ActorResolver(deps.registry, deps.actors);
  const resolveActor = (actingOptional: boolean) => (manager: EntityManager, auth: Authenticated, req: Request) =>
    actors.resolve(manager, auth, req.headers[ACTING_ORGANISATION_HEADER], { actingOptional });
  // One loop for core's features and the chains: a chain's routes live under its own prefix and
  // answer 404 in a district that did not enable it.
  const mounts: Array<{ prefix: string; routes: RouteDefinition[]; moduleId?: string }> = [
    ...deps.features.map((f) => ({ prefix: '/api/v1', routes: f.routes ?? [] })),
    ...deps.registry.modules.map((m) => ({ prefix: `/api/v1/chains/${m.id}`, routes: m.routes?.handlers ?? [], moduleId: m.id })),
  ];
  for (const { prefix, routes, moduleId } of mounts) {
    for (const route of routes) {
      app[route.method](toExpressPath(`${prefix}${route.path}`), tenantHandler(deps.uow, {
        permission: route.permission, moduleId, audit: route.audit, showsSecret: route.showsSecret,
        resolveActor: resolveActor(route.actingOrganisation === 'optional'),
      }, route.handle));
    }
  }

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
