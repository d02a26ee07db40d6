import type { EntityManager } from 'typeorm';
import type { Token } from './token';
import type { EventPayload } from './events';
import type { AuditDetails } from './audit';

/**
 * Who acts: the subject of the verified token, resolved per request. A registered user's
 * organisation may be named by the client (`X-Acting-Organisation`), but only among its own
 * memberships; permissions never come from the client.
 */
export interface Actor {
  subject: string;
  /** The function acted in (registered users, service accounts), or the token's roles (bootstrap). */
  roles: string[];
  permissions: ReadonlySet<string>;
  /** The registered user behind the subject, and the organisation and function it acts for. */
  userId?: string;
  organisationId?: string;
  function?: string;
}

/** An event to publish through the transactional outbox. Payloads carry ids, never case content. */
/** An event to record: a core event's payload is checked against CoreEventPayloads. */
export interface OutboxEventInput<T extends string = string> {
  type: T;
  aggregateType: string;
  aggregateId: string;
  payload?: EventPayload<T>;
}

/**
 * The tenant unit of work a module handler runs in: one transaction whose first statement set
 * `app.tenant_id`, so row-level security confines every query to the tenant.
 */
export interface TenantScope {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly requestId: string;
  readonly actor?: Actor;
  /** The transaction's entity manager. Use it (not a global DataSource) for every query. */
  readonly manager: EntityManager;
  /**
   * Runs raw SQL in this transaction. `T` is the row as the SQL returns it: its column names
   * (aliases included) in pg's JS types (bigint and count(*) as string, numeric as string,
   * timestamptz and date as Date, jsonb as its shape). It has no default, so a column misspelt
   * or assumed of another type fails to compile rather than reading `undefined`: an untyped call
   * answers `unknown[]`, whose columns cannot be read.
   *
   * The driver answers a bare UPDATE or DELETE with `[rows, rowCount]`, not with its rows: to read
   * what one changed, wrap it (`WITH u AS (UPDATE ... RETURNING ...) SELECT ... FROM u`).
   */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Records an event in the same transaction (architecture §5). */
  publish<T extends string>(event: OutboxEventInput<T>): Promise<string>;
  /** Resolves a provider from this unit of work's child container, typed by its token. */
  resolve<T>(token: Token<T>): T;
  /** Adds details to the audit record of this request (audited routes only; ignored elsewhere). */
  audit(details: AuditDetails): void;
}
