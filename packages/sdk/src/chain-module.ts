import type { LocalizedText } from './i18n';
import type { FunctionId } from './functions';
import type { CaseTypeDefinition, WorkflowGuard } from './workflow';
import type { CorePermission } from './permissions';
import type { Token } from './token';
import type { ReferralState, ReferralTypeDefinition } from './referrals';
import type { ChainRoutes } from './routes';
import type { EventHandlerDefinition, QueueDefinition, ScheduleDefinition } from './jobs';
import type { MigrationClass } from './migrations';

/** A provider a module registers in the DI container (tsyringe shapes). */
export type ProviderDefinition =
  | { token: symbol; useValue: unknown }
  | { token: symbol; useClass: new (...args: never[]) => unknown }
  | { token: symbol; useFactory: (resolve: <T>(token: Token<T>) => T) => unknown };

/**
 * A moment in a case's life a lead time is measured from or to: a date field of the case, the
 * first time it entered one of some states, its registration, or the first time one of its
 * referrals (of a type, if given) reached a state.
 */
export type KpiPoint =
  | { field: string }
  | { entered: string | string[] }
  | { registered: true }
  | { referral: ReferralState; type?: string };

/** A lead time (doorlooptijd) the chain is judged on; reports give count, median and p90. */
export interface LeadTimeKpi {
  id: string;
  title: LocalizedText;
  /** The case type measured; default: every case type of the module. */
  caseType?: string;
  from: KpiPoint;
  to: KpiPoint;
}

/**
 * What a chain module declares. Registration is declarative: no I/O at import time. `P` is the
 * module's own permissions: grants and transitions may name those and core's, nothing else.
 */
export interface ChainModuleDefinition<P extends string = string> {
  /** Short and stable: `m`, `ifg`, `zeden`. Lower case letters, digits and dashes. */
  id: string;
  title: LocalizedText;
  version: string;
  /** `<id>.<resource>.<verb>`; every permission the module references must be declared here or by core. */
  permissions: readonly P[];
  /** Default grants per function (magistraat, justitieassistent, ...); a tenant may adjust them. */
  grants?: Partial<Record<FunctionId, readonly (NoInfer<P> | CorePermission)[]>>;
  caseTypes?: CaseTypeDefinition[];
  /** Guards named by transitions, by name. */
  guards?: Record<string, WorkflowGuard>;
  /** Kinds of referral the chain sends to partners. */
  referralTypes?: ReferralTypeDefinition[];
  queues?: QueueDefinition[];
  schedules?: ScheduleDefinition[];
  eventHandlers?: EventHandlerDefinition[];
  routes?: ChainRoutes;
  /** TypeORM entity classes of the module's own tables. */
  entities?: Function[];
  migrations?: MigrationClass[];
  kpis?: LeadTimeKpi[];
  /** Data categories the module may share in a case consultation (later issue). */
  sharedDataCategories?: string[];
  providers?: ProviderDefinition[];
}

type PermissionOf<CT> = CT extends CaseTypeDefinition<string, string, infer Q> ? Q : never;

/**
 * A case type declared with defineCaseType knows the permissions its transitions require; each
 * must be the module's or core's. One typed by plain strings is left to the boot check.
 */
type DeclaredPermissionsOnly<CT extends CaseTypeDefinition[], P extends string> =
  string extends PermissionOf<CT[number]> ? unknown
    : [Exclude<PermissionOf<CT[number]>, P | CorePermission>] extends [never] ? unknown
      : { undeclaredPermissions: Exclude<PermissionOf<CT[number]>, P | CorePermission> };

export const CHAIN_MODULE = Symbol.for('ketenhuis.ChainModule');

export type ChainModule = Readonly<ChainModuleDefinition> & { readonly [CHAIN_MODULE]: true };

/**
 * Declares a chain module. It only marks and freezes the definition: the kernel validates every
 * module together at boot (ids, names, permissions, workflows, clashes), so a bad definition
 * stops the platform with a message naming the module and the field.
 */
export function defineChainModule<const P extends string, CT extends CaseTypeDefinition[] = CaseTypeDefinition[]>(
  definition: ChainModuleDefinition<P> & { caseTypes?: CT & DeclaredPermissionsOnly<CT, P> },
): ChainModule {
  return Object.freeze({ ...definition, [CHAIN_MODULE]: true as const });
}

export function isChainModule(value: unknown): value is ChainModule {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CHAIN_MODULE] === true;
}
