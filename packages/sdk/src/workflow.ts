import type { LocalizedText } from './i18n';

/** A state of a case type's workflow. */
export interface WorkflowState {
  id: string;
  title: LocalizedText;
  /** A final state ends the case; it needs no outgoing transition. */
  final?: boolean;
}

/** An action that moves a case from one state to another. */
export interface WorkflowTransition {
  action: string;
  title?: LocalizedText;
  from: string | string[];
  to: string;
  /** Permission the actor needs; must be declared by the module or core. */
  permission: string;
  /** Input fields the action requires (names of the action's input). */
  requiredFields?: string[];
  /** Name of a guard the module provides; the engine (a later issue) evaluates it. */
  guard?: string;
  /** Event types written to the outbox when the transition applies. */
  emits?: string[];
}

/** A legal deadline that runs while a case is in a state. Durations are ISO 8601 (P2M, PT48H). */
export interface DeadlineClock {
  id: string;
  title: LocalizedText;
  /** The state the clock runs in; it stops when the case leaves it. */
  state: string;
  duration: string;
  /** What the clock runs from: entering the state, or a date field of the case (e.g. pvDate). */
  runsFrom: 'stateEntered' | { field: string };
  warnBefore?: string;
  onExpiry: 'notify' | 'escalate';
}

export interface Workflow {
  initial: string;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
  clocks?: DeadlineClock[];
}

export interface CaseTypeDefinition {
  id: string;
  title: LocalizedText;
  workflow: Workflow;
}
