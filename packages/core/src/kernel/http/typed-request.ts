import type { ChainRequest } from '@ketenhuis/sdk';
import type { CorePaths } from '@ketenhuis/contracts';

type Operation<P extends keyof CorePaths, M extends keyof CorePaths[P]> = CorePaths[P][M];

/** A core operation's JSON request body, as openapi-typescript generates it from core.yaml. */
export type RequestBody<P extends keyof CorePaths, M extends keyof CorePaths[P]> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** A core operation's query parameters, as generated. */
export type RequestQuery<P extends keyof CorePaths, M extends keyof CorePaths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * The body of a request to a core operation, typed from the OpenAPI document. The validator has
 * checked the body against this very schema before any handler runs, which is what makes the one
 * assertion here sound; no handler asserts a type of its own.
 */
export const bodyOf = <P extends keyof CorePaths, M extends keyof CorePaths[P]>(req: ChainRequest, _path: P, _method: M): RequestBody<P, M> =>
  req.body as RequestBody<P, M>;

/** The query of a request to a core operation, typed from the document (coerced by the validator). */
export const queryOf = <P extends keyof CorePaths, M extends keyof CorePaths[P]>(req: ChainRequest, _path: P, _method: M): RequestQuery<P, M> =>
  req.query as RequestQuery<P, M>;
