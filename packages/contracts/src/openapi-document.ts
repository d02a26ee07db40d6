import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
};

/** The core document, the source of truth for core routes (spec first). */
export function loadCoreDocument(): OpenApiDocument {
  return parse(readFileSync(join(__dirname, '..', 'openapi', 'core.yaml'), 'utf8'));
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
