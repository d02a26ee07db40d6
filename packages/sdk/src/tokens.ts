import type { DataSource, EntityManager } from 'typeorm';
import type { TenantScope } from './tenant-scope';
import type { LegalCalendar } from './calendar';
import { token } from './token';
import type { WorkflowService } from './workflow';
import type { CaseReader, DeadlineReader } from './cases';

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
  /** A chain's cases, with their fields, as the scope may see them. */
  Cases: token<CaseReader>('Cases'),
  /** The deadlines of those cases. */
  Deadlines: token<DeadlineReader>('Deadlines'),
};

export interface Clock {
  now(): Date;
}
