import { type Actor, type CaseTypeDefinition, type LocalizedText, type TenantScope, type Workflow, type WorkflowTransition } from '@ketenhuis/sdk';
import type { CaseRow } from '../cases/case-access';
import { CORE_TOKENS } from '../../kernel/core-tokens';

/** A transition as a caller sees it: where it leads and what it asks for. */
export interface AvailableTransition {
  action: string;
  title: LocalizedText;
  to: string;
  toTitle: LocalizedText;
  requiredFields: string[];
}

/**
 * The workflow of the case's type, as its chain module defines it now. A case whose module is no
 * longer installed has none: nothing can move it until the module is back.
 */
export function workflowOf(scope: TenantScope, row: Pick<CaseRow, 'chain' | 'case_type'>): Workflow | undefined {
  return caseTypeOf(scope, row)?.workflow;
}

export function caseTypeOf(scope: TenantScope, row: Pick<CaseRow, 'chain' | 'case_type'>): CaseTypeDefinition | undefined {
  const mod = scope.resolve(CORE_TOKENS.ModuleRegistry).get(row.chain);
  return mod?.caseTypes?.find((t) => t.id === row.case_type);
}

const leavesFrom = (t: WorkflowTransition, state: string) => (Array.isArray(t.from) ? t.from : [t.from]).includes(state);

/** The transitions that leave `state`, whoever may take them. */
export const transitionsFrom = (wf: Workflow | undefined, state: string): WorkflowTransition[] =>
  (wf?.transitions ?? []).filter((t) => leavesFrom(t, state));

/** What the actor may do from `state`: the transitions leaving it whose permission it holds. */
export function availableTransitions(wf: Workflow | undefined, state: string, actor: Actor): AvailableTransition[] {
  return transitionsFrom(wf, state).filter((t) => actor.permissions.has(t.permission)).map((t) => describe(wf!, t));
}

function describe(wf: Workflow, t: WorkflowTransition): AvailableTransition {
  const toTitle = wf.states.find((s) => s.id === t.to)?.title ?? { nl: t.to };
  // An action without its own label is named after the state it leads to.
  return { action: t.action, title: t.title ?? toTitle, to: t.to, toTitle, requiredFields: t.requiredFields ?? [] };
}
