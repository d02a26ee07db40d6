import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { EntityManager } from 'typeorm';
import { TenantRegistry, bindTenant, type OperatorAudit, type Tenant } from '@ketenhuis/core';
import { CliError } from './cli-error';
import type { OperatorSession } from './context';

/** What operator commands share: finding the tenant, working in its context, and who acts. */
export async function findTenant(session: OperatorSession, slug: string): Promise<Tenant> {
  if (!session.owner.isInitialized) await session.owner.initialize();
  const tenant = await new TenantRegistry(session.owner).findBySlug(slug).catch((err) => {
    if (/relation "tenants" does not exist/.test((err as Error).message)) throw new CliError('the database is not migrated yet: run ketenhuis migrate', 1);
    throw err;
  });
  if (!tenant) throw new CliError(`--tenant: no tenant "${slug}" (see ketenhuis tenant list)`, 1);
  return tenant;
}

/**
 * One transaction in the tenant's context on the owner connection: row-level security is forced
 * on the owner too, so app.tenant_id is bound first, for this transaction only.
 */
export function inTenant<T>(session: OperatorSession, tenant: Tenant, opts: { readOnly?: boolean }, work: (db: EntityManager) => Promise<T>): Promise<T> {
  return session.owner.transaction(async (db) => {
    // A dry run cannot write even by mistake: the database refuses it.
    if (opts.readOnly) await db.query('SET TRANSACTION READ ONLY');
    await bindTenant(db, tenant.id);
    return work(db);
  });
}

/** The operator behind the audit records of one command run. */
export function operatorAudit(): OperatorAudit {
  let user = process.env.USER ?? 'unknown';
  try { user = userInfo().username; } catch { /* no passwd entry in some containers */ }
  return { requestId: randomUUID(), actorSubject: `operator:${user}` };
}
