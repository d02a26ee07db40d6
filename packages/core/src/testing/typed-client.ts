import { jestExpect } from '@ketenhuis/testing';
import type { CoreComponents, CorePaths } from '@ketenhuis/contracts';

/** A schema of the core OpenAPI document (`ApiSchema<'PersonInput'>`), to type what a test sends or keeps. */
export type ApiSchema<K extends keyof CoreComponents['schemas']> = CoreComponents['schemas'][K];

/** The query parameters of an operation (`ApiQuery<'/api/v1/persons'>`), for helpers that pass them on. */
export type ApiQuery<P extends keyof CorePaths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete' = 'get'> =
  NonNullable<NonNullable<CorePaths[P][M]>['parameters']['query']>;

/**
 * The data of a call through the typed client (`t.client(token).GET(...)`) that must answer
 * `status`. Otherwise the assertion fails showing the status and the problem the platform
 * answered, which openapi-fetch has already parsed into `error`.
 *
 * openapi-fetch reads the body of every answer but a 204: a refusal that `expectProblem` checks
 * (it reads the body itself) has to be made with `t.request`.
 */
export function ok<D>(result: { data?: D; error?: unknown; response: Response }, status = 200): D {
  const expect = jestExpect();
  expect({ status: result.response.status, error: result.error }).toEqual({ status, error: undefined });
  return result.data as D;
}
