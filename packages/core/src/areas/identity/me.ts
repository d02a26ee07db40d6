import type { EntityManager } from 'typeorm';
import type { Actor } from '@ketenhuis/sdk';
import { functionById } from './functions';
import { sorted } from './permissions';
import { getUser, type Membership } from './users';

export interface Me {
  subject: string;
  /** Null for a service account, and for a subject not registered in the tenant (bootstrap). */
  user: { id: string; name: string; email: string; status: string } | null;
  memberships: Membership[];
  acting: { organisationId: string; organisationName: string; function: string; functionLabel: { nl: string; fr: string; en: string } | null } | null;
  permissions: string[];
}

/** Who the caller is in this request: enough for a client to offer the choice of organisation. */
export async function me(manager: EntityManager, actor: Actor): Promise<Me> {
  const user = actor.userId ? await getUser(manager, actor.userId) : undefined;
  let acting: Me['acting'] = null;
  if (actor.organisationId && actor.function) {
    const [org]: { name: string }[] = await manager.query('SELECT name FROM organisations WHERE id = $1', [actor.organisationId]);
    acting = {
      organisationId: actor.organisationId,
      organisationName: org?.name ?? '',
      function: actor.function,
      functionLabel: functionById(actor.function)?.label ?? null,
    };
  }
  return {
    subject: actor.subject,
    user: user ? { id: user.id, name: user.name, email: user.email, status: user.status } : null,
    memberships: user?.memberships ?? [],
    acting,
    permissions: sorted(actor.permissions),
  };
}
