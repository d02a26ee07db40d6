import type { LocalizedText } from './i18n';

/** sent → received → accepted | refused → started → completed | failed. */
export type ReferralState = 'sent' | 'received' | 'accepted' | 'refused' | 'started' | 'completed' | 'failed';

/**
 * What the receiving organisation of a referral may see of the case: only what the type names.
 * `field:<id>` names one case field.
 */
export type SharedCaseData = 'reference' | 'state' | 'externalReferences' | 'subjects' | `field:${string}`;

/** A kind of referral a chain sends to a partner (e.g. bemiddeling en maatregelen to a justitiehuis). */
export interface ReferralTypeDefinition {
  /** Kebab case, unique across modules (e.g. `bemiddeling-en-maatregelen`). */
  id: string;
  title: LocalizedText;
  /** Organisation types that may receive it (e.g. `justitiehuis`). */
  receiverTypes: string[];
  sharedCaseData: SharedCaseData[];
  /**
   * How long a referral may stay in a state before its deadline passes (ISO 8601 durations, e.g.
   * `{ sent: 'P2D', accepted: 'P14D' }`); a district may configure its own.
   */
  deadlines?: Partial<Record<'sent' | 'received' | 'accepted' | 'started', string>>;
}
