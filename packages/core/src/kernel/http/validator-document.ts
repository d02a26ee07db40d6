import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { OpenApiDocument } from '@ketenhuis/contracts';

/**
 * The document the request validator checks against: the served one, except that query values
 * may hold reserved characters as browsers and form encoders send them (`+` for a space, `/` in
 * a PV number). The validator refuses those unless a parameter says `allowReserved`; the served
 * document does not say so, as clients should still percent-encode.
 */
export function validatorDocument(served: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(served) as OpenApiDocument & { paths?: Record<string, Record<string, unknown>>; components?: { parameters?: Record<string, unknown> } };
  const allowReserved = (p: unknown) => {
    const parameter = p as { in?: string; allowReserved?: boolean };
    if (parameter?.in === 'query') parameter.allowReserved = true;
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [key, value] of Object.entries(item ?? {})) {
      if (key === 'parameters') (value as unknown[]).forEach(allowReserved);
      else ((value as { parameters?: unknown[] })?.parameters ?? []).forEach(allowReserved);
    }
  }
  Object.values(doc.components?.parameters ?? {}).forEach(allowReserved);
  return doc;
}

const HEAD = Symbol('head');

/**
 * HEAD answers as GET without a body (RFC 9110 §9.3.2). The validator knows only the methods the
 * document lists, so it sees a HEAD as the GET it is; express routes HEAD to GET handlers and
 * Node sends no body for it.
 */
export function headAsGet(): { before: RequestHandler; after: [RequestHandler, ErrorRequestHandler] } {
  const restore = (req: Request) => { if ((req as { [HEAD]?: boolean })[HEAD]) req.method = 'HEAD'; };
  return {
    before: (req, _res, next) => {
      if (req.method === 'HEAD') Object.assign(req, { method: 'GET', [HEAD]: true });
      next();
    },
    // Also after a refusal, so the log says HEAD; Node decided on the body when the request came in.
    after: [(req, _res, next) => { restore(req); next(); }, (err, req, _res, next) => { restore(req); next(err); }],
  };
}
