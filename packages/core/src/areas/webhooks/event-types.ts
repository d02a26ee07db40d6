import { type TenantScope } from '@ketenhuis/sdk';
import { CORE_TOKENS } from '../../kernel/core-tokens';

/** The events of the platform itself an organisation may subscribe to. */
export const CORE_WEBHOOK_EVENT_TYPES = [
  'core.case-registered',
  'core.case-transitioned',
  'core.referral-sent',
  'core.referral-received',
  'core.referral-accepted',
  'core.referral-refused',
  'core.referral-started',
  'core.referral-completed',
  'core.referral-failed',
  'core.deadline-warning',
  'core.deadline-expired',
  'core.notification-created',
] as const;

/**
 * Core's events and those the workflows of the district's enabled chains emit. Anything else
 * would never be sent, so subscribing to it is refused rather than accepted silently.
 */
export async function knownEventTypes(scope: TenantScope): Promise<Set<string>> {
  const registry = scope.resolve(CORE_TOKENS.ModuleRegistry);
  const enabled = new Set((await scope.query<{ module_id: string }>('SELECT module_id FROM tenant_modules')).map((r) => r.module_id));
  const emitted = registry.modules.filter((m) => enabled.has(m.id))
    .flatMap((m) => (m.caseTypes ?? []).flatMap((c) => c.workflow.transitions.flatMap((t) => t.emits ?? [])));
  return new Set<string>([...CORE_WEBHOOK_EVENT_TYPES, ...emitted]);
}
