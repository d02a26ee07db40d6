import type { RouteAudit } from './audit';
import type { Actor, TenantScope } from './tenant-scope';

/** The parts of an HTTP request a chain handler may read; validated against the OpenAPI document first. */
export interface ChainRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  actor: Actor;
}

export interface ChainResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route, as core's areas and chain modules declare them; the kernel mounts and runs both alike. */
export interface RouteDefinition {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path below the mount point (`/api/v1`, or `/api/v1/chains/<module id>`), e.g. `/items/{id}`. */
  path: string;
  /** Permission required; checked before the handler runs (403 otherwise). A chain's route always names one. */
  permission?: string;
  /**
   * `optional`: a user with several memberships may call the route without choosing one in
   * X-Acting-Organisation (e.g. /me, which lists the choices); elsewhere that is a 400.
   */
  actingOrganisation?: 'optional';
  /** Routes that read or write case, person or partner data must be audited (architecture §6). */
  audit?: RouteAudit;
  /**
   * The response shows a secret once (a client secret, a signing secret). Such a route refuses
   * `Idempotency-Key` with 400: a replay would need a stored copy of the secret. Every other
   * creating POST accepts the header, and its kept response is stored encrypted.
   */
  showsSecret?: boolean;
  handle(req: ChainRequest, scope: TenantScope): Promise<ChainResponse>;
}

/** A chain module's route: mounted under `/api/v1/chains/<module id>`, always behind a permission. */
export interface ChainRoute extends RouteDefinition {
  permission: string;
}

/** An OpenAPI 3.1 fragment: its paths are relative to the module's mount point. */
export interface OpenApiFragment {
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}

export interface ChainRoutes {
  openapi: OpenApiFragment;
  handlers: ChainRoute[];
}
