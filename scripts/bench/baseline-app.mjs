import { requireFromCore } from './packages.mjs';

const express = requireFromCore('express');
const helmet = requireFromCore('helmet');
const { requestId } = requireFromCore('./kernel/http/request-id');
const { requestLog } = requireFromCore('./kernel/http/request-log');
const { routeTemplateOf, routeTemplates } = requireFromCore('./kernel/http/route-template');
const { byAddress, rateLimit } = requireFromCore('./kernel/http/rate-limit');
const { requestTimeout } = requireFromCore('./kernel/http/request-timeout');
const { authOf } = requireFromCore('./kernel/http/authenticate');
const { errorHandler, notFoundHandler } = requireFromCore('./kernel/http/error-handler');
const { apiDocsRouter } = requireFromCore('./kernel/http/api-docs');
const { tokenEndpoint } = requireFromCore('./areas/identity/token-endpoint');
const { PlatformMetrics } = requireFromCore('./kernel/observability/metrics');

/**
 * The platform's HTTP pipeline (packages/core/src/create-app.ts), piece by piece from the compiled
 * core and in its order, with two slots: `authenticate` (none in the baseline, the platform's own
 * in the floor) and `handlerOf(route)`, what answers a case's route. It takes the measured
 * platform's config, logger and OpenAPI document, so limits, log level and route templates are
 * the platform's. Keep it in step with create-app.ts: a piece the platform gains and this lacks
 * shows up as platform cost.
 *
 * Left out, as they are what makes a request a platform request: bearer authentication (unless
 * `authenticate` is given), OpenAPI request validation with the HEAD-as-GET shim that exists
 * only for it, the actor resolution and tenant unit of work of tenantHandler, and the handlers.
 */
export function pipelineApp(platform, { routes, handlerOf, authenticate }) {
  const { config, logger, openapi } = platform;
  // A registry of its own: sharing the platform's would mix the two sides' series.
  const metrics = new PlatformMetrics();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');

  app.use(requestId);
  const templates = routeTemplates(openapi);
  app.use(requestLog(logger, templates, (path) => path === '/healthz' || path === '/metrics'));
  app.use(helmet());
  app.use(metricsMiddleware(metrics, templates));
  app.use(requestTimeout(config.requestTimeoutMs));

  // Never requested by the bench, but express walks past each of them on every request.
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', (_req, res) => { res.json({ status: 'ready' }); });
  app.get('/metrics', async (_req, res) => { res.type(metrics.registry.contentType).send(await metrics.registry.metrics()); });
  app.get('/api/v1/openapi.json', (_req, res) => { res.json(openapi); });
  app.use('/api/v1', apiDocsRouter());

  const limit = config.rateLimitPerMinute;
  // The real token endpoint, walked past like the routes above; the platform's objects it holds
  // are never reached.
  app.use('/api/v1/auth/token', rateLimit(limit, byAddress),
    tokenEndpoint({ tenants: platform.tenants, uow: platform.uow, issuer: platform.serviceTokens, bodyLimit: config.bodyLimit }));
  // Without authentication there is no subject to key the second limit on, so it keys by address;
  // the test platform runs with both limits off (rateLimitPerMinute 0) anyway.
  app.use('/api/v1', rateLimit(limit * 10, byAddress),
    ...(authenticate ? [authenticate, rateLimit(limit, bySubject)] : [rateLimit(limit, byAddress)]));
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  mountRoutes(app, platform, routes, handlerOf);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

const toExpressPath = (p) => p.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
const routeKey = (r) => `${r.method ?? 'get'} ${r.route}`;

/** The platform's route table as create-app.ts mounts it: core's features first, then the chains'. */
function platformRoutes(platform) {
  return [
    ...platform.features.flatMap((f) => (f.routes ?? []).map((r) => ({ method: r.method, route: toExpressPath(`/api/v1${r.path}`) }))),
    ...platform.registry.modules.flatMap((m) => (m.routes?.handlers ?? []).map((r) => ({ method: r.method, route: toExpressPath(`/api/v1/chains/${m.id}${r.path}`) }))),
  ];
}

/**
 * Every route of the platform, in its order, so express walks as many layers before a case's
 * route as it does in the platform (some seventy). A case's route answers with `handlerOf`; the
 * others, never requested, answer 404; a case route the platform lacks comes last.
 */
function mountRoutes(app, platform, routes, handlerOf) {
  const cases = new Map(routes.map((r) => [routeKey(r), r]));
  for (const p of platformRoutes(platform)) {
    const r = cases.get(routeKey(p));
    cases.delete(routeKey(p));
    app[p.method](p.route, r ? handlerOf(r) : notFoundHandler);
  }
  for (const r of cases.values()) app[r.method ?? 'get'](r.route, handlerOf(r));
}

const bySubject = (req) => { const a = authOf(req); return `${a.tenantId}:${a.actor.subject}`; };

/** A copy of create-app.ts's inline metrics middleware, which core does not export on its own. */
function metricsMiddleware(metrics, templates) {
  return (req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = routeTemplateOf(req, templates);
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  };
}

/**
 * The yardstick: the pipeline above with no authentication, each route answering the static
 * JSON body its case took from the platform itself, so both sides serialise the same bytes and
 * the ratio shows what authentication, validation, the unit of work and the queries cost.
 */
export function createBaselineApp(platform, routes) {
  return pipelineApp(platform, {
    routes,
    handlerOf: (r) => (_req, res) => { res.status(r.status ?? 200).json(r.body); },
  });
}
