import type { Actor } from '@ketenhuis/sdk';

/**
 * Who a notification is for: every user of its organisation, or only those acting in its
 * function, or one user. A caller sees what is meant for the organisation and function it acts
 * for now, and what is addressed to it personally.
 */
export interface Recipient {
  organisationId: string;
  function: string | null;
  userId: string | null;
  /** Read state is kept per token subject (a user, or a partner system's service account). */
  subject: string;
}

/** Undefined for a caller acting for no organisation: such a caller is told nothing. */
export function recipientOf(actor: Actor): Recipient | undefined {
  if (!actor.organisationId) return undefined;
  return { organisationId: actor.organisationId, function: actor.function ?? null, userId: actor.userId ?? null, subject: actor.subject };
}

/** Parameters of visibleNotificationSql, in its order. */
export const recipientParams = (r: Recipient): unknown[] => [r.organisationId, r.function, r.userId];

/** SQL predicate over the notification alias `n`; `first` is the number of recipientParams' first parameter. */
export function visibleNotificationSql(first: number): string {
  const [org, fn, user] = [first, first + 1, first + 2];
  return `(
    (n.user_id IS NULL AND n.organisation_id = $${org}::uuid AND (n.function IS NULL OR n.function = $${fn}::text))
    OR (n.user_id IS NOT NULL AND n.user_id = $${user}::uuid)
  )`;
}

/** SQL: whether `subject` (parameter number) has read notification `n`. */
export const readBySql = (subject: number) =>
  `EXISTS (SELECT 1 FROM notification_reads nr WHERE nr.tenant_id = n.tenant_id AND nr.notification_id = n.id AND nr.subject = $${subject}::text)`;
