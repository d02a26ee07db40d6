import type { LocalizedText } from './i18n';
import type { Actor, TenantScope } from './tenant-scope';

/** A state of a case type's workflow. */
export interface WorkflowState<S extends string = string> {
  id: S;
  title: LocalizedText;
  /** A final state ends the case; it needs no outgoing transition. */
  final?: boolean;
}

/**
 * A field a chain keeps on its cases (stored by core in `cases.fields`, validated against this
 * declaration). Clocks run from date fields, guards read fields, KPIs measure between them.
 * Values: `date` "YYYY-MM-DD", `datetime` ISO 8601 with offset, `code-list` a list of codes.
 */
export type CaseFieldType = 'date' | 'datetime' | 'boolean' | 'text' | 'code-list' | 'integer';

export interface CaseFieldDefinition {
  id: string;
  title: LocalizedText;
  type: CaseFieldType;
  /** For `text` and each code of a `code-list`: a pattern the value must match. */
  pattern?: string;
  /** The case cannot be registered without it. */
  requiredAtRegistration?: boolean;
}

/**
 * An action that moves a case from one state to another. `S` is the case type's states and `P`
 * the permissions it may require, so a misspelt state or permission fails to compile.
 */
export interface WorkflowTransition<S extends string = string, A extends string = string, P extends string = string> {
  action: A;
  title?: LocalizedText;
  from: S | S[];
  to: S;
  /** Permission the actor needs; must be declared by the module or core. */
  permission: P;
  /** Input fields the action requires (names of the action's input). */
  requiredFields?: string[];
  /** Input fields the action stores on the case; each must be a declared case field. */
  setsFields?: string[];
  /** Name of a guard in the module's `guards`; evaluated after permission and required fields. */
  guard?: string;
  /** Event types written to the outbox when the transition applies. */
  emits?: string[];
}

/**
 * Who is told when a clock warns or expires: the users with `function` (any function if absent)
 * of the organisations taking part in the case, narrowed to `organisationType` if given; the
 * type `parket` also reaches the parket of the chain, participant or not.
 */
export interface NotifyTarget {
  function?: string;
  organisationType?: string;
}

/** A legal deadline that runs while a case is in a state. Durations are ISO 8601 (P2M, PT48H). */
export interface DeadlineClock<S extends string = string> {
  id: string;
  title: LocalizedText;
  /** The state (or states) the clock runs in; it stops when the case leaves them all. */
  state: S | S[];
  /** Default duration; a district may configure its own (the law's defaults are data). */
  duration: string;
  /** What the clock runs from: entering the state, or a date field of the case (e.g. pvDate). */
  runsFrom: 'stateEntered' | { field: string };
  /** Only cases whose field has this value get the clock (e.g. arrest: true → 48 hours). */
  when?: { field: string; equals: string | number | boolean };
  warnBefore?: string;
  onExpiry: 'notify' | 'escalate';
  /** Told at the warning point; default: the participants of the case. */
  warn?: NotifyTarget[];
  /** Told when the clock expires; default: the participants of the case. */
  expiry?: NotifyTarget[];
}

export interface Workflow<S extends string = string, A extends string = string, P extends string = string> {
  initial: S;
  states: WorkflowState<S>[];
  transitions: WorkflowTransition<S, A, P>[];
  clocks?: DeadlineClock<S>[];
}

export interface CaseTypeDefinition<S extends string = string, A extends string = string, P extends string = string> {
  id: string;
  title: LocalizedText;
  fields?: CaseFieldDefinition[];
  workflow: Workflow<S, A, P>;
}

/**
 * Declares a case type with its state and action names checked by the compiler: the states are
 * the ids in `workflow.states`, and every `initial`, `from`, `to` and clock `state` must be one of
 * them. Returns the definition unchanged.
 */
export function defineCaseType<const S extends string, const A extends string, const P extends string>(definition: {
  id: string;
  title: LocalizedText;
  fields?: CaseFieldDefinition[];
  workflow: {
    initial: NoInfer<S>;
    states: WorkflowState<S>[];
    transitions: WorkflowTransition<NoInfer<S>, A, P>[];
    clocks?: DeadlineClock<NoInfer<S>>[];
  };
}): CaseTypeDefinition<S, A, P> {
  return definition;
}

/** The state names of a case type declared with defineCaseType. */
export type StateOf<T> = T extends CaseTypeDefinition<infer S, string, string> ? S : never;
/** The action names of a case type declared with defineCaseType. */
export type ActionOf<T> = T extends CaseTypeDefinition<string, infer A, string> ? A : never;

/** What a guard sees: the case as it is now and the action's input. */
export interface GuardContext {
  caseId: string;
  chain: string;
  caseType: string;
  state: string;
  action: string;
  fields: Readonly<Record<string, unknown>>;
  input: Readonly<Record<string, unknown>>;
  actor: Actor;
  /** The platform clock (injectable), not the machine's. */
  now: Date;
}

/**
 * `true` lets the transition happen. A refusal naming an input `field` is a 400 on
 * `body.input.<field>`; one without a field is a 409 (the case is not ready for the action).
 */
export type GuardResult = true | { field?: string; detail: string };

export type WorkflowGuard = (ctx: GuardContext, scope: TenantScope) => GuardResult | Promise<GuardResult>;

/**
 * Moves a case along its workflow from a job or event handler, as the platform itself (actor
 * `system:<module>`): permission checks are skipped, guards and required fields are not. Resolve
 * it with TOKENS.Workflows inside a unit of work.
 */
export interface WorkflowService {
  transition(scope: TenantScope, caseId: string, action: string, input?: Record<string, unknown>): Promise<{ from: string; to: string }>;
}
