import { badRequest, conflict, forbidden, TOKENS, type Actor, type TenantScope, type WorkflowTransition } from '@ketenhuis/sdk';
import { CASE_COLUMNS, type CaseRow } from '../cases/case-access';
import { checkCaseFields } from '../cases/case-fields';
import { appendTimeline } from '../cases/timeline';
import { afterStateChange } from './after-state-change';
import { availableTransitions, caseTypeOf, transitionsFrom, workflowOf } from './case-workflow';
import { notAllowed } from './not-allowed';
import { CORE_TOKENS } from '../../kernel/core-tokens';

export interface TransitionRequest {
  action: string;
  input?: Record<string, unknown>;
}

export interface TransitionOptions {
  /** The platform acts (a job or event handler of the chain): no permission check. */
  system?: boolean;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The module's guard decides; a refusal naming an input field is that field's 400. */
async function checkGuard(scope: TenantScope, actor: Actor, row: CaseRow, transition: WorkflowTransition, input: Record<string, unknown>, allowed: () => string[]) {
  const guard = scope.resolve(CORE_TOKENS.ModuleRegistry).get(row.chain)?.guards?.[transition.guard!];
  // The kernel refuses modules whose transitions name a guard they do not provide; a module
  // replaced at runtime without it still must not let the transition through unchecked.
  if (!guard) throw notAllowed(`guard "${transition.guard}" is not available`, allowed());
  const result = await guard({
    caseId: row.id, chain: row.chain, caseType: row.case_type, state: row.state, action: transition.action,
    fields: row.fields ?? {}, input, actor, now: scope.resolve(TOKENS.Clock).now(),
  }, scope);
  if (result === true) return;
  if (result.field) throw badRequest(`body.input.${result.field}`, result.detail);
  throw notAllowed(result.detail, allowed());
}

/**
 * Moves a case along its workflow, in the caller's transaction: the state changes only if it is
 * still the one the checks saw (a concurrent transition makes this one a 409), and the fields the
 * action sets, the timeline entry, the clocks and the outbox events commit with it or not at all.
 */
export async function applyTransition(scope: TenantScope, actor: Actor, row: CaseRow, req: TransitionRequest, opts: TransitionOptions = {}): Promise<CaseRow> {
  const wf = workflowOf(scope, row);
  const allowed = () => availableTransitions(wf, row.state, actor).map((t) => t.action);
  const transition = transitionsFrom(wf, row.state).find((t) => t.action === req.action);
  if (!transition) throw notAllowed(`The action "${req.action}" is not possible from the state "${row.state}"`, allowed());
  if (!opts.system && !actor.permissions.has(transition.permission)) throw forbidden();
  const input = req.input ?? {};
  for (const field of transition.requiredFields ?? []) {
    if (isMissing(input[field])) throw badRequest(`body.input.${field}`, `is required for the action "${transition.action}"`);
  }
  const fields = checkCaseFields(caseTypeOf(scope, row)?.fields, input, 'body.input', { only: transition.setsFields ?? [] });
  if (transition.guard) await checkGuard(scope, actor, row, transition, input, allowed);
  // A chain the district switched off keeps its cases readable but frozen. Checked in the
  // statement that moves the case, so a transition costs no round trip for it.
  const [result] = await scope.query<Partial<CaseRow> & { chain_enabled: boolean }>(
    `WITH e AS (SELECT EXISTS (SELECT 1 FROM tenant_modules WHERE module_id = $5) AS enabled),
     c AS (UPDATE cases SET state = $3, fields = fields || $4::jsonb, version = version + 1, updated_at = now()
       WHERE id = $1 AND state = $2 AND (SELECT enabled FROM e) RETURNING *)
     SELECT e.enabled AS chain_enabled, ${CASE_COLUMNS} FROM e LEFT JOIN c ON true`,
    [row.id, row.state, transition.to, JSON.stringify(fields), row.chain]);
  if (!result.chain_enabled) throw notAllowed(`The chain "${row.chain}" is not enabled in this district; its cases cannot change state`, []);
  const { chain_enabled: _enabled, ...updated } = result;
  const moved = updated.id ? updated as CaseRow : undefined;
  if (!moved) throw conflict('the case changed state meanwhile; read it again');
  // Codes and field names only: the input's values are the caller's, not the history's.
  await appendTimeline(scope, row.id, actor, 'transitioned',
    { action: transition.action, from: row.state, to: transition.to, inputFields: Object.keys(input).sort() });
  await afterStateChange(scope, moved, row.state);
  const payload = { action: transition.action, from: row.state, to: transition.to, chain: row.chain, caseType: row.case_type };
  for (const type of [...(transition.emits ?? []), 'core.case-transitioned']) {
    await scope.publish({ type, aggregateType: 'case', aggregateId: row.id, payload });
  }
  return moved;
}
