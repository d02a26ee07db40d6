import type { Request } from 'express';
import type { OpenApiDocument } from '@ketenhuis/contracts';

/** Finds a path's route template in the document, for requests refused before any route matched. */
export type RouteTemplates = (path: string) => string | undefined;

/**
 * The document's path templates as matchers, in express's spelling (`/api/v1/persons/:id`, as
 * the routes are mounted). Literal segments win over parameters, as in routing.
 */
export function routeTemplates(doc: OpenApiDocument): RouteTemplates {
  const templates = Object.keys((doc as { paths?: Record<string, unknown> }).paths ?? {})
    .map((template) => ({
      express: template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'),
      pattern: new RegExp(`^${template.split('/').map((s) => (/^\{[A-Za-z0-9_]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`),
      parameters: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.parameters - b.parameters);
  return (path) => templates.find((t) => t.pattern.test(path))?.express;
}

/**
 * The route template a request matched (`/api/v1/persons/:id`), never its raw path: logs and
 * metric labels name routes, not the ids, numbers or search terms a client put in the URL.
 */
export function routeTemplateOf(req: Request, templates?: RouteTemplates): string {
  if (req.route) return `${req.baseUrl}${req.route.path}`;
  const matched = (req as { openapi?: { expressRoute?: string } }).openapi?.expressRoute;
  return matched ?? templates?.(req.originalUrl.split('?')[0]) ?? '(unmatched)';
}
