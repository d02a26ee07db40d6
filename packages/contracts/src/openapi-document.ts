import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
};

const OPENAPI_DIR = join(__dirname, '..', 'openapi');

/**
 * The core document, the source of truth for core routes (spec first): `openapi/core.yaml` holds
 * what is shared (info, security, Problem), and each area of core (partners, persons, ...) has its
 * own file in `openapi/core/` with absolute paths and its schemas, merged here.
 */
export function loadCoreDocument(): OpenApiDocument {
  const doc: OpenApiDocument = parse(readFileSync(join(OPENAPI_DIR, 'core.yaml'), 'utf8'));
  const areaDir = join(OPENAPI_DIR, 'core');
  const areas = existsSync(areaDir) ? readdirSync(areaDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  const components: Record<string, Record<string, unknown>> = (doc.components = doc.components ?? {}) as never;
  for (const file of areas) {
    const area = parse(readFileSync(join(areaDir, file), 'utf8')) as Pick<OpenApiDocument, 'paths' | 'components'>;
    for (const [path, item] of Object.entries(area.paths ?? {})) {
      if (doc.paths[path]) throw new Error(`OpenAPI path ${path} of openapi/core/${file} is defined twice`);
      doc.paths[path] = item;
    }
    // Schemas, parameters, responses...: each kind merged, a name used twice refused.
    for (const [kind, entries] of Object.entries((area.components ?? {}) as Record<string, Record<string, unknown>>)) {
      const target = (components[kind] = { ...(components[kind] ?? {}) });
      for (const [name, value] of Object.entries(entries ?? {})) {
        if (target[name]) throw new Error(`OpenAPI ${kind} "${name}" of openapi/core/${file} is defined twice`);
        target[name] = value;
      }
    }
  }
  return doc;
}

export interface ModuleFragment {
  moduleId: string;
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * Merges chain modules' fragments into the core document: paths are mounted under
 * `/api/v1/chains/<id>`; a schema name used twice is refused rather than silently overwritten.
 */
export function mergeModuleFragments(core: OpenApiDocument, fragments: ModuleFragment[]): OpenApiDocument {
  const doc: OpenApiDocument = structuredClone(core);
  doc.components = doc.components ?? {};
  const schemas = (doc.components.schemas = { ...(doc.components.schemas ?? {}) });
  for (const f of fragments) {
    for (const [path, item] of Object.entries(f.paths)) {
      const mounted = `/api/v1/chains/${f.moduleId}${path}`;
      if (doc.paths[mounted]) throw new Error(`OpenAPI path ${mounted} of module "${f.moduleId}" is defined twice`);
      doc.paths[mounted] = structuredClone(item) as Record<string, unknown>;
    }
    for (const [name, schema] of Object.entries(f.components?.schemas ?? {})) {
      if (schemas[name]) throw new Error(`OpenAPI schema "${name}" of module "${f.moduleId}" clashes with an existing schema; prefix it with the module id`);
      schemas[name] = structuredClone(schema);
    }
  }
  return doc;
}
