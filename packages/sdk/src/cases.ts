import type { LocalizedText } from './i18n';
import type { TenantScope } from './tenant-scope';

/**
 * A case as a chain reads it: what core keeps for every chain, and the chain's own fields (typed
 * by the chain: `ChainCase<SnelrechtFields>`). No personal data: subjects are person ids.
 */
export interface ChainCase<F extends object = Record<string, unknown>> {
  id: string;
  /** The district's reference, e.g. `M-2026-000042`. */
  reference: string;
  chain: string;
  caseType: string;
  state: string;
  confidentiality: 'normaal' | 'vertrouwelijk' | 'strikt-vertrouwelijk';
  fields: Readonly<Partial<F>>;
  registeredAt: Date;
  updatedAt: Date;
}

/** Which cases to read: always one chain; optionally its case type, states and date-field window. */
export interface CaseFilter {
  chain: string;
  caseType?: string;
  /** Only cases in one of these states. */
  states?: string[];
  /**
   * Only cases with at least one of these date or date-time fields in `[from, to)`. Date fields
   * count from midnight in Brussels.
   */
  dateFields?: { fields: string[]; from: Date; to: Date };
  /** Only these cases. */
  ids?: string[];
}

/** At most this many cases per `list` call: a chain pages or narrows rather than reading a district. */
export const CASE_LIST_LIMIT = 1000;

/**
 * Reads cases for a chain module (`TOKENS.Cases`), by core's rule of who sees what: in a request
 * the caller's organisation sees the cases it takes part in (or, as the chain's parket, the
 * chain's cases that are not strikt-vertrouwelijk); a job or event handler, which acts for the
 * platform itself, sees every case of its district. An invisible case reads exactly as a missing
 * one. Row-level security keeps every read inside the scope's district.
 */
export interface CaseReader {
  get<F extends object = Record<string, unknown>>(scope: TenantScope, caseId: string): Promise<ChainCase<F> | undefined>;
  /** Ordered by registration, newest first; at most `limit` (default and ceiling CASE_LIST_LIMIT). */
  list<F extends object = Record<string, unknown>>(scope: TenantScope, filter: CaseFilter, limit?: number): Promise<ChainCase<F>[]>;
  /** How many visible cases are in each state (states without cases are absent). */
  countByState(scope: TenantScope, filter: CaseFilter): Promise<Record<string, number>>;
}

export type DeadlineState = 'running' | 'suspended' | 'met' | 'expired' | 'cancelled';

/** A legal deadline running on a case (a workflow clock or a referral's term). */
export interface CaseDeadline {
  id: string;
  caseId: string;
  /** `clock:<chain>:<caseType>:<clockId>` or `referral:<type>:<state>`. */
  source: string;
  title: LocalizedText;
  state: DeadlineState;
  startedAt: Date;
  dueAt: Date;
  /** When its case left the clock's states (met, late or not) or it was cancelled; absent while open. */
  stoppedAt?: Date;
}

/** Reads the deadlines of the cases a scope sees (`TOKENS.Deadlines`), by the same rule as CaseReader. */
export interface DeadlineReader {
  /** Every deadline of one case, oldest first; empty for a case the scope does not see. */
  ofCase(scope: TenantScope, caseId: string): Promise<CaseDeadline[]>;
  /**
   * The deadlines still open (running, suspended, or expired and not yet met) on the chain's
   * visible cases, earliest due first, at most CASE_LIST_LIMIT.
   */
  open(scope: TenantScope, filter: CaseFilter): Promise<CaseDeadline[]>;
}
