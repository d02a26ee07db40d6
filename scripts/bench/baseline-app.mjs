import { Writable } from 'node:stream';
import { coreLib, requireFromCore } from './packages.mjs';

const express = requireFromCore('express');
const helmet = requireFromCore('helmet');
const { pinoHttp } = requireFromCore('pino-http');
const pino = requireFromCore('pino');
const { requestId, requestIdOf } = requireFromCore('./http/request-id');
const { byAddress, rateLimit } = requireFromCore('./http/rate-limit');
const { requestTimeout } = requireFromCore('./http/request-timeout');
const { apiDocsRouter } = requireFromCore('./http/api-docs');
const { errorHandler, notFoundHandler } = requireFromCore('./http/error-handler');
const { PlatformMetrics, loadConfig, redactIdentifiers } = coreLib;

/**
 * The yardstick: the platform's HTTP pipeline (packages/core/src/create-app.ts) minus
 * everything that makes a request a platform request, so the ratio shows what those parts cost.
 *
 * Included, in the platform's order and from the compiled core where it exports the piece:
 * x-powered-by off, extended query parser, request id, pino-http with the platform's serializers
 * and log-level rule (same level as the measured platform, here silent, on a discarding stream),
 * helmet, the metrics middleware (a PlatformMetrics registry with default metrics, same labels),
 * request timeout, the operational routes and docs router the router walks past, both rate
 * limits (disabled, as in startTestPlatform), express.json with the configured limit, the 404 and
 * problem handlers.
 *
 * Not included: bearer-token verification (ES256 + tenant lookup), OpenAPI request validation,
 * the tenant unit of work (transaction, set_config, module-enabled check) and the database
 * query. Each route answers a static JSON body that its case took from the platform itself, so
 * both sides serialise the same bytes.
 */
export function createBaselineApp(routes, { logLevel = 'silent' } = {}) {
  const config = loadConfig({});
  const metrics = new PlatformMetrics();
  const discard = new Writable({ write(_chunk, _enc, cb) { cb(); } });
  const logger = pino({ level: logLevel }, discard);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');

  app.use(requestId);
  app.use(pinoHttp({
    logger,
    genReqId: (req) => requestIdOf(req),
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: redactIdentifiers(req.url) }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
  }));
  app.use(helmet());
  // A copy of the platform's inline metrics middleware; it is not exported on its own.
  app.use((req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const matched = req.openapi?.expressRoute;
      const route = req.route ? `${req.baseUrl}${req.route.path}` : matched ?? '(unmatched)';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  });
  app.use(requestTimeout(config.requestTimeoutMs));

  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', (_req, res) => { res.json({ status: 'ready' }); });
  app.get('/metrics', async (_req, res) => { res.type(metrics.registry.contentType).send(await metrics.registry.metrics()); });
  app.get('/api/v1/openapi.json', (_req, res) => { res.json({}); });
  app.use('/api/v1', apiDocsRouter());

  // Both limiters, before and after where authentication sits; disabled as in startTestPlatform.
  app.use('/api/v1', rateLimit(0, byAddress), rateLimit(0, () => ''));
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  for (const r of routes) {
    app[r.method ?? 'get'](r.route, (_req, res) => { res.status(r.status ?? 200).json(r.body); });
  }

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
