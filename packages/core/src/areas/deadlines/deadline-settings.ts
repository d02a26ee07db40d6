import { type ReferralState, type TenantScope } from '@ketenhuis/sdk';
import { deadlineTitle } from '../../kernel/values/referral-states';
import { CORE_TOKENS } from '../../kernel/core-tokens';

export interface DeadlineSetting {
  duration: string;
  warnBefore: string | null;
}

/** The district's own duration for a deadline, when it configured one. */
export async function settingFor(scope: TenantScope, key: string): Promise<DeadlineSetting | undefined> {
  const [row] = await scope.query<{ duration: string; warn_before: string | null }>(
    'SELECT duration, warn_before FROM deadline_settings WHERE source_key = $1', [key]);
  return row && { duration: row.duration, warnBefore: row.warn_before };
}

/** A deadline a district may configure, with the law's default as its module declares it. */
export interface KnownDeadline {
  key: string;
  chain: string;
  kind: 'clock' | 'referral';
  title: Record<string, string>;
  duration: string;
  warnBefore: string | null;
}

/** The key of a workflow clock's setting; its deadlines have the source `clock:<key>`. */
export const clockKey = (chain: string, caseType: string, clockId: string) => `${chain}:${caseType}:${clockId}`;

/** The key of a referral type's deadline in one state; it is also the deadlines' source. */
export const referralKey = (type: string, state: string) => `referral:${type}:${state}`;

/** Every deadline the chains enabled in this district declare: clocks first, then referrals. */
export async function knownDeadlines(scope: TenantScope): Promise<KnownDeadline[]> {
  const enabled = new Set((await scope.query<{ module_id: string }>('SELECT module_id FROM tenant_modules')).map((r) => r.module_id));
  const modules = scope.resolve(CORE_TOKENS.ModuleRegistry).modules.filter((m) => enabled.has(m.id));
  const clocks = modules.flatMap((m) => (m.caseTypes ?? []).flatMap((ct) => (ct.workflow.clocks ?? []).map((c): KnownDeadline => ({
    key: clockKey(m.id, ct.id, c.id), chain: m.id, kind: 'clock', title: { ...c.title }, duration: c.duration, warnBefore: c.warnBefore ?? null,
  }))));
  const referrals = modules.flatMap((m) => (m.referralTypes ?? []).flatMap((rt) => Object.entries(rt.deadlines ?? {}).flatMap(([state, duration]) =>
    duration ? [{ key: referralKey(rt.id, state), chain: m.id, kind: 'referral' as const, title: { ...deadlineTitle(rt, state as ReferralState) }, duration, warnBefore: null }] : [])));
  return [...clocks, ...referrals];
}
