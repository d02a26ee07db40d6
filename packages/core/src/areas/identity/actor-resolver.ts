import type { EntityManager } from 'typeorm';
import type { Actor } from '@ketenhuis/sdk';
import type { ModuleRegistry } from '../../kernel/modules/module-registry';
import type { Authenticated } from '../../kernel/http/authenticate';
import { ProblemError, badRequest, forbidden } from '../../kernel/http/problem';
import { permissionsOfFunction } from './permissions';
import { serviceAccountIdOf } from '../../kernel/auth/service-token-issuer';
import { UUID } from '../../kernel/values/uuid';
import { rows } from '../../kernel/db/rows';

/** The organisation a user with several memberships acts for in this request. */
export const ACTING_ORGANISATION_HEADER = 'x-acting-organisation';

const notMember = () => forbidden('You are not a member of the organisation named in X-Acting-Organisation');

export interface ResolveOptions {
  /** Routes such as /me answer a user with several memberships who has not chosen yet. */
  actingOptional?: boolean;
}

interface MembershipRow { organisation_id: string; function: string }

/**
 * Turns the verified token into the actor of one request, inside the request's tenant
 * transaction (so row-level security applies to every lookup):
 *
 * - a registered user acts for one membership (organisation + function): the only one, or the
 *   one the `X-Acting-Organisation` header names; its permissions are the function's grants as
 *   the tenant adjusted them. The token's `roles` claim is ignored for registered users.
 * - a service account acts for its organisation with its function, while it is not revoked.
 * - a subject with no user in the tenant is the bootstrap path (a district's first
 *   administrator, operators' CLI tokens): permissions come from the token's `roles` claim and
 *   the default grants, exactly as authentication computed them.
 */
export class ActorResolver {
  constructor(private readonly registry: ModuleRegistry) {}

  async resolve(manager: EntityManager, auth: Authenticated, header: string | string[] | undefined, opts: ResolveOptions = {}): Promise<Actor> {
    const requested = requestedOrganisation(header);
    if (auth.kind === 'service-account') return this.serviceAccount(manager, auth, requested);

    const [user]: { id: string; status: string }[] = await manager.query('SELECT id, status FROM users WHERE subject = $1', [auth.actor.subject]);
    if (!user) {
      if (requested) throw notMember();
      return auth.actor;
    }
    if (user.status !== 'active') throw forbidden('Your account is disabled in this district');
    const memberships: MembershipRow[] = await manager.query(
      'SELECT organisation_id, function FROM memberships WHERE user_id = $1 ORDER BY created_at, id', [user.id]);
    let chosen: MembershipRow | undefined;
    if (requested) {
      chosen = memberships.find((m) => m.organisation_id === requested);
      if (!chosen) throw notMember();
    } else if (memberships.length === 1) {
      chosen = memberships[0];
    } else if (memberships.length > 1 && !opts.actingOptional) {
      throw badRequest(`header.${ACTING_ORGANISATION_HEADER}`,
        `you are a member of ${memberships.length} organisations: name the one you act for in the X-Acting-Organisation header`);
    }
    const base = { subject: auth.actor.subject, userId: user.id };
    if (!chosen) return { ...base, roles: [], permissions: new Set<string>() };
    return this.acting(manager, base, chosen);
  }

  private async serviceAccount(manager: EntityManager, auth: Authenticated, requested: string | undefined): Promise<Actor> {
    const id = serviceAccountIdOf(auth.actor.subject);
    const [account] = id
      ? await rows<MembershipRow & { revoked_at: Date | null }>(manager, 'SELECT organisation_id, function, revoked_at FROM service_accounts WHERE id = $1', [id])
      : [];
    if (!account || account.revoked_at) {
      const err = new ProblemError(401, 'The service account of this token is revoked or unknown');
      err.headers['WWW-Authenticate'] = 'Bearer realm="ketenhuis"';
      throw err;
    }
    if (requested && requested !== account.organisation_id) throw notMember();
    return this.acting(manager, { subject: auth.actor.subject }, account);
  }

  private async acting(manager: EntityManager, base: Pick<Actor, 'subject' | 'userId'>, m: MembershipRow): Promise<Actor> {
    return {
      ...base,
      roles: [m.function],
      organisationId: m.organisation_id,
      function: m.function,
      permissions: await permissionsOfFunction(manager, this.registry, m.function),
    };
  }
}

function requestedOrganisation(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  if (!UUID.test(value)) throw badRequest(`header.${ACTING_ORGANISATION_HEADER}`, 'is not the id of an organisation');
  return value.toLowerCase();
}
