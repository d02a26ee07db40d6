import type { EntityManager } from 'typeorm';
import { writeAuditRecord } from '../../../kernel/audit';
import { OrganisationStore, type Organisation } from '../organisation-store';
import type { ImportAction } from './plan';

/** Who runs an operator command, for the audit trail: one request id ties a run's records together. */
export interface OperatorAudit {
  requestId: string;
  actorSubject: string;
}

/**
 * Carries out a plan in the caller's tenant transaction (app.tenant_id set), one audit record per
 * organisation created or updated; `progress(done, total)` after each row.
 */
export async function applyImport(db: EntityManager, tenantId: string, actions: ImportAction[], audit: OperatorAudit,
  progress?: (done: number, total: number) => void): Promise<Organisation[]> {
  const store = new OrganisationStore(db, tenantId);
  const written: Organisation[] = [];
  let done = 0;
  for (const a of actions) {
    if (a.kind === 'create') {
      const created = await store.insert(a.state);
      written.push(created);
      await writeAuditRecord(db, tenantId, { ...audit, action: 'partner.create', objectType: 'organisation', objectId: created.id, result: 'allowed', purpose: 'administration', changedFields: fieldsOf(a.state) });
    }
    if (a.kind === 'update') {
      // A merge is made through the API; an import leaves it as it is.
      written.push(await store.update(a.target.id, { ...a.state, mergedIntoId: a.target.mergedIntoId }));
      await writeAuditRecord(db, tenantId, { ...audit, action: 'partner.update', objectType: 'organisation', objectId: a.target.id, result: 'allowed', purpose: 'administration', changedFields: a.changed });
    }
    progress?.(++done, actions.length);
  }
  return written;
}

const fieldsOf = (state: object): string[] =>
  Object.entries(state).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length)).map(([k]) => k);
