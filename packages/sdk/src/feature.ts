import type { FunctionId } from './functions';
import type { CorePermission } from './permissions';
import type { EventHandlerDefinition, QueueDefinition, ScheduleDefinition } from './jobs';
import type { ProviderDefinition } from './chain-module';
import type { RouteDefinition } from './routes';

/**
 * What one area of core adds to the platform, in the shapes a chain module uses: permissions and
 * their default grants, services (providers), routes (mounted under `/api/v1`), queues, job
 * schedulers and event handlers. The kernel loops once over core's features and the
 * chains alike, so there is one way to follow any request or job. Unlike a chain's, a feature is
 * on for every tenant: core cannot be switched off.
 */
export interface PlatformFeature {
  /** `core.<area>`. */
  id: string;
  /** The permissions this area checks (CORE_PERMISSIONS lists every area's). */
  permissions?: readonly CorePermission[];
  /** Default grants per function, of this area's permissions; a district may adjust them. */
  grants?: Partial<Record<FunctionId, readonly CorePermission[]>>;
  providers?: ProviderDefinition[];
  routes?: RouteDefinition[];
  queues?: QueueDefinition[];
  schedules?: ScheduleDefinition[];
  eventHandlers?: EventHandlerDefinition[];
}
