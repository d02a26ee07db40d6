import type { Request } from 'express';

/**
 * The route template a request matched (`/api/v1/persons/:id`), never its raw path: logs and
 * metric labels name routes, not the ids, numbers or search terms a client put in the URL.
 */
export function routeTemplateOf(req: Request): string {
  if (req.route) return `${req.baseUrl}${req.route.path}`;
  return (req as { openapi?: { expressRoute?: string } }).openapi?.expressRoute ?? '(unmatched)';
}
