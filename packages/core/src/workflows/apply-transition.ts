import { badRequest, conflict, forbidden, ProblemError, type Actor, type TenantScope } from '@ketenhuis/sdk';
import { CASE_COLUMNS, type CaseRow } from '../cases/case-access';
import { appendTimeline } from '../cases/timeline';
import { availableTransitions, transitionsFrom, workflowOf } from './case-workflow';

export interface TransitionRequest {
  action: string;
  input?: Record<string, unknown>;
}

/** A 409 that tells the caller what it can do instead. */
function notAllowed(detail: string, allowedActions: string[]): ProblemError {
  const err = conflict(detail);
  err.extensions.allowedActions = allowedActions;
  return err;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Moves a visible case along its workflow, in the caller's transaction: the state changes only
 * if it is still the one the checks saw (a concurrent transition makes this one a 409), and the
 * timeline entry and the outbox events commit with it or not at all.
 *
 * Guards: modules cannot provide guard implementations yet, so a transition that names one is
 * refused rather than taken unchecked.
 */
export async function applyTransition(scope: TenantScope, actor: Actor, row: CaseRow, req: TransitionRequest): Promise<CaseRow> {
  const wf = workflowOf(scope, row);
  const allowed = () => availableTransitions(wf, row.state, actor).map((t) => t.action);
  const transition = transitionsFrom(wf, row.state).find((t) => t.action === req.action);
  if (!transition) throw notAllowed(`The action "${req.action}" is not possible from the state "${row.state}"`, allowed());
  if (!actor.permissions.has(transition.permission)) throw forbidden();
  const input = req.input ?? {};
  for (const field of transition.requiredFields ?? []) {
    if (isMissing(input[field])) throw badRequest(`body.input.${field}`, `is required for the action "${transition.action}"`);
  }
  if (transition.guard) throw notAllowed(`guard "${transition.guard}" is not available yet`, allowed());
  // A chain the district switched off keeps its cases readable but frozen.
  const [enabled] = await scope.query('SELECT 1 FROM tenant_modules WHERE module_id = $1', [row.chain]);
  if (!enabled) throw notAllowed(`The chain "${row.chain}" is not enabled in this district; its cases cannot change state`, []);

  const [moved] = await scope.query<CaseRow>(
    // Wrapped in a SELECT: the driver answers a bare UPDATE with [rows, count], not the rows.
    `WITH c AS (UPDATE cases SET state = $3, version = version + 1, updated_at = now() WHERE id = $1 AND state = $2 RETURNING *)
     SELECT ${CASE_COLUMNS} FROM c`,
    [row.id, row.state, transition.to]);
  if (!moved) throw conflict('the case changed state meanwhile; read it again');
  // Codes and field names only: the input's values are the caller's, not the history's.
  await appendTimeline(scope, row.id, actor, 'transitioned',
    { action: transition.action, from: row.state, to: transition.to, inputFields: Object.keys(input).sort() });
  const payload = { action: transition.action, from: row.state, to: transition.to, chain: row.chain, caseType: row.case_type };
  for (const type of [...(transition.emits ?? []), 'core.case-transitioned']) {
    await scope.publish({ type, aggregateType: 'case', aggregateId: row.id, payload });
  }
  return moved;
}
