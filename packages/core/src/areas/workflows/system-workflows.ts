import { notFound, type Actor, type TenantScope, type WorkflowService } from '@ketenhuis/sdk';
import { CASE_COLUMNS, type CaseRow } from '../cases/case-access';
import { applyTransition } from './apply-transition';
import { writeAuditRecord } from '../../kernel/audit/audit-record';

/**
 * The workflow engine as a chain's jobs and event handlers use it (TOKENS.Workflows): the
 * platform moves the case on the chain's behalf (e.g. closing it when its justitiehuis referral is
 * completed). Guards, required fields and the optimistic state check still apply, and the move
 * is audited like a person's, with the chain's system subject as the actor.
 */
export class SystemWorkflows implements WorkflowService {
  async transition(scope: TenantScope, caseId: string, action: string, input: Record<string, unknown> = {}): Promise<{ from: string; to: string }> {
    const [row] = await scope.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [caseId]);
    if (!row) throw notFound();
    const actor: Actor = { subject: `system:${row.chain}`, roles: [], permissions: new Set() };
    const moved = await applyTransition(scope, actor, row, { action, input }, { system: true });
    await writeAuditRecord(scope.manager, scope.tenantId, {
      requestId: scope.requestId, actorSubject: actor.subject, action: 'case.transition', objectType: 'case', objectId: row.id,
      result: 'allowed', purpose: 'casework', changedFields: ['state', ...Object.keys(input).sort()],
    });
    return { from: row.state, to: moved.state };
  }
}
