/**
 * Injection tokens of the services core offers to modules. One map, symbols only, so a module
 * never imports core internals (architecture §8).
 */
export const TOKENS = {
  Config: Symbol.for('ketenhuis.Config'),
  Logger: Symbol.for('ketenhuis.Logger'),
  Clock: Symbol.for('ketenhuis.Clock'),
  DataSource: Symbol.for('ketenhuis.DataSource'),
  ModuleRegistry: Symbol.for('ketenhuis.ModuleRegistry'),
  QueueFactory: Symbol.for('ketenhuis.QueueFactory'),
  /** Encrypts direct identifiers (tenant-bound AES-256-GCM) and computes their search index. */
  FieldCipher: Symbol.for('ketenhuis.FieldCipher'),
  /** Per unit of work: the tenant transaction's EntityManager and the TenantScope. */
  EntityManager: Symbol.for('ketenhuis.EntityManager'),
  TenantScope: Symbol.for('ketenhuis.TenantScope'),
  /** The workflow engine, for jobs and event handlers that move cases (WorkflowService). */
  Workflows: Symbol.for('ketenhuis.Workflows'),
  /** Which cases an organisation sees (CaseVisibility), for a module's own queries over cases. */
  CaseVisibility: Symbol.for('ketenhuis.CaseVisibility'),
} as const;

export interface Clock {
  now(): Date;
}

/**
 * Core's rule of who sees a case (architecture §3), for a module's own SQL over `cases`: a
 * participant organisation, the parket of the case's chain (not for strikt-vertrouwelijk cases),
 * or, acting for no organisation, the subject that registered it so. One rule, kept by core.
 */
export interface CaseVisibility {
  /**
   * A SQL predicate over the case alias `c`; `$<organisationParam>` is the viewer's organisation
   * id (or null), `$<subjectParam>` its subject.
   */
  predicate(organisationParam: number, subjectParam: number): string;
}
