import type { ChainRoute } from '@ketenhuis/sdk';
import { entriesOf, isObject, quote, type ModuleCheck } from './validation-helpers';

const HANDLED_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const OPENAPI_METHODS = new Set([...HANDLED_METHODS, 'head', 'options', 'trace']);
/** OpenAPI-style paths below the module's mount point: `/items`, `/items/{id}`. */
const ROUTE_PATH = /^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z][A-Za-z0-9_]*\}))+$/;

/**
 * Routes and their OpenAPI fragment: every handler is described (requests are validated against
 * the description before a handler runs) and every described operation has a handler.
 * `schemaOwners` holds component schema names across core and all modules: the merged
 * document has one namespace.
 */
export function validateRoutes(routes: unknown, { id, report, knownPermission }: ModuleCheck, schemaOwners: Map<string, string>): void {
  if (routes === undefined) return;
  if (!isObject(routes)) {
    report('routes', 'must be { openapi, handlers }');
    return;
  }
  const openapi = routes.openapi;
  const paths = isObject(openapi) && isObject(openapi.paths) ? (openapi.paths as Record<string, unknown>) : undefined;
  if (!paths) report('routes.openapi.paths', 'the OpenAPI fragment must have a paths object');

  const handled = new Set<string>();
  for (const [r, i] of entriesOf<ChainRoute>(routes.handlers ?? [], 'routes.handlers', report)) {
    const field = `routes.handlers[${i}]`;
    const method = typeof r.method === 'string' ? r.method : '';
    if (!HANDLED_METHODS.has(method)) report(`${field}.method`, `${quote(r.method)} is not one of ${[...HANDLED_METHODS].join(', ')} (lower case)`);
    if (typeof r.path !== 'string' || !ROUTE_PATH.test(r.path)) {
      report(`${field}.path`, `${quote(r.path)} must be an OpenAPI-style path starting with "/" (parameters as {name}, no trailing slash)`);
    } else {
      const key = `${method} ${r.path}`;
      if (handled.has(key)) report(`${field}.path`, `${method.toUpperCase()} ${r.path} is handled twice`);
      handled.add(key);
      const item = paths?.[r.path];
      if (paths && !(isObject(item) && isObject(item[method]))) report(`${field}.path`, `${method.toUpperCase()} ${r.path} is not described in routes.openapi`);
    }
    if (!knownPermission(r.permission)) report(`${field}.permission`, `unknown permission ${quote(r.permission)} (declare it in this module's permissions)`);
    if (typeof r.handle !== 'function') report(`${field}.handle`, 'must be a function');
  }

  for (const [path, item] of Object.entries(paths ?? {})) {
    if (!ROUTE_PATH.test(path)) report(`routes.openapi.paths["${path}"]`, 'must be an OpenAPI-style path starting with "/"');
    for (const method of Object.keys(isObject(item) ? item : {}).filter((k) => OPENAPI_METHODS.has(k))) {
      if (!handled.has(`${method} ${path}`)) report(`routes.openapi.paths["${path}"].${method}`, `${method.toUpperCase()} ${path} is described but has no handler`);
    }
  }

  const schemas = isObject(openapi) && isObject(openapi.components) && isObject(openapi.components.schemas) ? openapi.components.schemas : {};
  for (const name of Object.keys(schemas)) {
    const owner = schemaOwners.get(name);
    if (owner) report(`routes.openapi.components.schemas.${name}`, `schema "${name}" clashes with one of ${owner === 'core' ? 'core' : `module "${owner}"`}; prefix it with the module id`);
    else schemaOwners.set(name, id);
  }
}
