import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { DependencyContainer } from 'tsyringe';
import { TOKENS, type Actor, type AuditDetails, type OutboxEventInput, type TenantScope } from '@ketenhuis/sdk';
import { tenantStorage } from './tenant-context';
import { recordOutboxEvent } from '../outbox/outbox';
import { inTenant } from './in-tenant';
import { rows } from '../db/rows';

export interface UnitOfWorkOptions {
  tenantId: string;
  tenantSlug: string;
  requestId?: string;
  correlationId?: string;
  actor?: Actor;
  /** Receives what the work adds to its audit record (see tenantHandler). */
  onAudit?: (details: AuditDetails) => void;
  /**
   * Decides the actor inside the transaction, before the work runs (users' memberships and
   * grants are tenant rows, so row-level security covers the lookup); replaces `actor`.
   */
  resolveActor?: (manager: EntityManager) => Promise<Actor>;
}

/**
 * Runs `work` as one tenant unit of work (architecture §3): a transaction whose first statement
 * binds `app.tenant_id` to the transaction only (set_config(..., true)), so a pooled connection
 * never carries a tenant into someone else's work; a child container holding this unit's values;
 * and the scope in AsyncLocalStorage.
 */
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource, private readonly root: DependencyContainer) {}

  run<T>(opts: UnitOfWorkOptions, work: (scope: TenantScope) => Promise<T>): Promise<T> {
    return inTenant(this.dataSource, opts.tenantId, async (manager: EntityManager) => {
      const actor = opts.resolveActor ? await opts.resolveActor(manager) : opts.actor;
      const container = this.root.createChildContainer();
      const requestId = opts.requestId ?? randomUUID();
      const scope: TenantScope = {
        tenantId: opts.tenantId,
        tenantSlug: opts.tenantSlug,
        requestId,
        actor,
        manager,
        query: <R>(sql: string, params?: unknown[]) => rows<R>(manager, sql, params),
        publish: (event: OutboxEventInput) => recordOutboxEvent(manager, opts.tenantId, event, opts.correlationId ?? requestId),
        resolve: (token) => container.resolve(token),
        audit: (details) => opts.onAudit?.(details),
      };
      container.register(TOKENS.EntityManager, { useValue: manager });
      container.register(TOKENS.TenantScope, { useValue: scope });
      try {
        return await tenantStorage.run(scope, () => work(scope));
      } finally {
        container.dispose();
      }
    });
  }
}
