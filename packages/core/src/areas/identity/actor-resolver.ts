import type { EntityManager } from 'typeorm';
import type { Actor } from '@ketenhuis/sdk';
import type { ModuleRegistry } from '../../kernel/modules/module-registry';
import type { Authenticated } from '../../kernel/http/authenticate';
import { ProblemError, badRequest, forbidden } from '../../kernel/http/problem';
import { effectivePermissions } from './permissions';
import type { ActorCache } from '../../kernel/auth/actor-cache';
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

interface MembershipRow {
  organisation_id: string;
  function: string;
  /** The tenant's adjustments of the function's default grants: [permission, granted]. */
  grants: [string, boolean][];
}

/** A user with each membership and its function's grant adjustments, in one statement. */
interface UserMembershipRow extends Partial<MembershipRow> {
  user_id: string;
  status: string;
}

// The grants of a function, as the tenant adjusted them, beside the row that names the function.
const GRANTS_OF = (fn: string) =>
  `(SELECT COALESCE(json_agg(json_build_array(g.permission, g.granted)), '[]'::json) FROM function_grants g WHERE g.function = ${fn})`;

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
  constructor(private readonly registry: ModuleRegistry, private readonly cache?: ActorCache) {}

  /**
   * The cache keeps what this resolves, per district, subject and requested organisation; only
   * an actor is kept, never a refusal, and the bootstrap path (whose permissions come from the
   * token) is not kept either.
   */
  async resolve(manager: EntityManager, auth: Authenticated, header: string | string[] | undefined, opts: ResolveOptions = {}): Promise<Actor> {
    const requested = requestedOrganisation(header);
    const key = `${auth.kind}|${auth.actor.subject}|${requested ?? ''}|${opts.actingOptional ? 'optional' : 'required'}`;
    const cached = this.cache?.get(auth.tenantId, key);
    if (cached) return cached;
    const generation = this.cache?.generation(auth.tenantId) ?? 0;
    const resolved = auth.kind === 'service-account'
      ? await this.serviceAccount(manager, auth, requested)
      : await this.user(manager, auth, requested, opts);
    if (resolved.cacheable) this.cache?.set(auth.tenantId, key, resolved.actor, generation);
    return resolved.actor;
  }

  private async user(manager: EntityManager, auth: Authenticated, requested: string | undefined, opts: ResolveOptions): Promise<{ actor: Actor; cacheable: boolean }> {
    const found = await rows<UserMembershipRow>(manager,
      `SELECT u.id AS user_id, u.status, m.organisation_id, m.function, ${GRANTS_OF('m.function')} AS grants
       FROM users u LEFT JOIN memberships m ON m.user_id = u.id
       WHERE u.subject = $1 ORDER BY m.created_at, m.id`, [auth.actor.subject]);
    const user = found[0];
    if (!user) {
      if (requested) throw notMember();
      return { actor: auth.actor, cacheable: false };
    }
    if (user.status !== 'active') throw forbidden('Your account is disabled in this district');
    const memberships = found.filter((m): m is UserMembershipRow & MembershipRow => m.organisation_id != null);
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
    const base = { subject: auth.actor.subject, userId: user.user_id };
    if (!chosen) return { actor: { ...base, roles: [], permissions: new Set<string>() }, cacheable: true };
    return { actor: this.acting(base, chosen), cacheable: true };
  }

  private async serviceAccount(manager: EntityManager, auth: Authenticated, requested: string | undefined): Promise<{ actor: Actor; cacheable: boolean }> {
    const id = serviceAccountIdOf(auth.actor.subject);
    const [account] = id
      ? await rows<MembershipRow & { revoked_at: Date | null }>(manager,
        `SELECT a.organisation_id, a.function, a.revoked_at, ${GRANTS_OF('a.function')} AS grants FROM service_accounts a WHERE a.id = $1`, [id])
      : [];
    if (!account || account.revoked_at) {
      const err = new ProblemError(401, 'The service account of this token is revoked or unknown');
      err.headers['WWW-Authenticate'] = 'Bearer realm="ketenhuis"';
      throw err;
    }
    if (requested && requested !== account.organisation_id) throw notMember();
    return { actor: this.acting({ subject: auth.actor.subject }, account), cacheable: true };
  }

  private acting(base: Pick<Actor, 'subject' | 'userId'>, m: MembershipRow): Actor {
    return {
      ...base,
      roles: [m.function],
      organisationId: m.organisation_id,
      function: m.function,
      permissions: effectivePermissions(this.registry, m.function, new Map(m.grants)),
    };
  }
}

function requestedOrganisation(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  if (!UUID.test(value)) throw badRequest(`header.${ACTING_ORGANISATION_HEADER}`, 'is not the id of an organisation');
  return value.toLowerCase();
}
