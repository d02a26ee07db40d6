import type { DataSource, EntityManager } from 'typeorm';
import type { TenantScope } from './tenant-scope';
import type { LegalCalendar } from './calendar';
import { token } from './token';
import type { WorkflowService } from './workflow';

export type { Token } from './token';
export { token } from './token';

/** What a module may log with; the platform's pino logger is one. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/**
 * Injection tokens of the services core offers to modules. One map, so a module never imports
 * core internals (architecture §8). Config, ModuleRegistry, QueueFactory and FieldCipher are
 * core's own: a module gets no type for them here (core types them in its own token map).
 */
export const TOKENS = {
  Config: token<unknown>('Config'),
  Logger: token<Logger>('Logger'),
  Clock: token<Clock>('Clock'),
  /** Days, weeks and legal terms on the Belgian calendar (LegalCalendar). */
  Calendar: token<LegalCalendar>('Calendar'),
  DataSource: token<DataSource>('DataSource'),
  ModuleRegistry: token<unknown>('ModuleRegistry'),
  QueueFactory: token<unknown>('QueueFactory'),
  /** Encrypts direct identifiers (tenant-bound AES-256-GCM) and computes their search index. */
  FieldCipher: token<unknown>('FieldCipher'),
  /** Per unit of work: the tenant transaction's EntityManager and the TenantScope. */
  EntityManager: token<EntityManager>('EntityManager'),
  TenantScope: token<TenantScope>('TenantScope'),
  /** The workflow engine, for jobs and event handlers that move cases. */
  Workflows: token<WorkflowService>('Workflows'),
  /** Which cases an organisation sees, for a module's own queries over cases. */
  CaseVisibility: token<CaseVisibility>('CaseVisibility'),
};

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
