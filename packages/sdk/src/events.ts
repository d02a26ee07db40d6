import type { ReferralState } from './referrals';

/** What an event may carry: ids, codes and flags, never case content (architecture §5). */
export type EventPayloadValue = string | number | boolean | null;

/** A referral's step: the referral, its case, its type and chain, and the state it reached. */
export type ReferralEventPayload = { referralId: string; caseId: string; type: string; state: ReferralState; chain: string };

/** A case's transition: the action and the states, of which chain and case type. */
export type CaseTransitionPayload = { action: string; from: string; to: string; chain: string; caseType: string };

/** A deadline's moment: the deadline, its case and (for a referral's own term) its referral. */
export type DeadlineEventPayload = { deadlineId: string; caseId: string; referralId: string | null };

/**
 * Core's events and their payloads, one map: publishing checks the payload against its type, and
 * a handler of a core event reads its payload typed (see EventHandlerDefinition).
 */
export type CoreEventPayloads = {
  'core.person-registered': Record<string, never>;
  'core.case-registered': { chain: string; caseType: string };
  'core.case-transitioned': CaseTransitionPayload;
  'core.notification-created': { kind: string; organisationId: string };
  'core.deadline-warning': DeadlineEventPayload;
  'core.deadline-expired': DeadlineEventPayload & { escalated: boolean };
} & { [S in ReferralState as `core.referral-${S}`]: ReferralEventPayload };

export type CoreEventType = keyof CoreEventPayloads;

/** The payload of an event type: core's from the map; a chain's own events carry plain values. */
export type EventPayload<T extends string> = T extends CoreEventType ? CoreEventPayloads[T] : Record<string, EventPayloadValue>;

/** An event as a handler receives it. */
export interface PublishedEvent<T extends string = string> {
  id: string;
  type: T;
  aggregateType: string;
  aggregateId: string;
  payload: EventPayload<T>;
}
