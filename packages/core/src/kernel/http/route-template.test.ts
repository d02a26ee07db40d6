import type { OpenApiDocument } from '@ketenhuis/contracts';
import { routeTemplates } from './route-template';

describe('route templates from the OpenAPI document', () => {
  const templates = routeTemplates({
    openapi: '3.1.0', info: { title: 't', version: '1' },
    paths: { '/api/v1/persons': {}, '/api/v1/persons/{id}': {}, '/api/v1/persons/{id}/timeline': {}, '/api/v1/identity/users/me': {}, '/api/v1/identity/users/{id}': {}, '/api/v1/a.b': {} },
  } as unknown as OpenApiDocument);

  it('names the template of a path, in express spelling, never the values in it', () => {
    expect(templates('/api/v1/persons/85.10.17-123.45')).toBe('/api/v1/persons/:id');
    expect(templates('/api/v1/persons/6f1c2b1e-5d0c-4c7e-9a55-0c3f7a9d2e41/timeline')).toBe('/api/v1/persons/:id/timeline');
    expect(templates('/api/v1/persons/')).toBe('/api/v1/persons');
  });

  it('prefers a literal segment to a parameter, and knows nothing it was not told', () => {
    expect(templates('/api/v1/identity/users/me')).toBe('/api/v1/identity/users/me');
    expect(templates('/api/v1/aXb')).toBeUndefined();
    expect(templates('/api/v1/persons/a/b/c')).toBeUndefined();
    expect(templates('/elsewhere')).toBeUndefined();
  });
});
