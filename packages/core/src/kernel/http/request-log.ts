import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id';
import { routeTemplateOf, type RouteTemplates } from './route-template';

/**
 * One log line per request, when its response is finished (or the client went away): the
 * request id, method, route template, the names of the query parameters (never their values:
 * a national number searched for must not reach the log), status and duration.
 */
export function requestLog(logger: Logger, templates: RouteTemplates, skip: (path: string) => boolean): RequestHandler {
  return (req, res, next) => {
    if (skip(req.path)) return next();
    const started = process.hrtime.bigint();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const status = res.headersSent ? res.statusCode : null;
      const line = {
        requestId: requestIdOf(req),
        method: req.method,
        route: routeTemplateOf(req, templates),
        query: Object.keys(req.query ?? {}),
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (status === null) logger.warn(line, 'request aborted before its response');
      else if (status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
