import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../../kernel/http/problem';
import { burnVerification, generateClientSecret, hashClientSecret, verifyClientSecret } from './client-secret';
import { requireOrganisation } from './users';
import { requireFunction } from './validation';
import { cursorParameter, encodeCursor } from '../../kernel/values/cursor';
import { rethrowUnique } from '../../kernel/values/database-errors';
import { UUID } from '../../kernel/values/uuid';
import { rows } from '../../kernel/db/rows';

/**
 * A partner system (e.g. a police records system sending PVs) acting for one organisation with
 * one function. Its client id names the tenant, so the token endpoint knows where to look before
 * anyone is authenticated: `<tenant slug>.<account id>`.
 */
export interface ServiceAccount {
  id: string;
  clientId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  function: string;
  status: 'active' | 'revoked';
  secretRotatedAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

type Row = Omit<ServiceAccount, 'clientId' | 'status'>;

const SELECT = `SELECT s.id, s.name, s.organisation_id AS "organisationId", o.name AS "organisationName", s.function,
  s.secret_rotated_at AS "secretRotatedAt", s.revoked_at AS "revokedAt", s.created_at AS "createdAt"
  FROM service_accounts s JOIN organisations o ON o.tenant_id = s.tenant_id AND o.id = s.organisation_id`;

export const clientIdOf = (tenantSlug: string, id: string) => `${tenantSlug}.${id}`;

export function parseClientId(clientId: string): { tenantSlug: string; id: string } | undefined {
  const m = /^([a-z][a-z0-9-]{1,39})\.([0-9a-f-]{36})$/.exec(clientId);
  return m && UUID.test(m[2]) ? { tenantSlug: m[1], id: m[2] } : undefined;
}

const present = (tenantSlug: string, r: Row): ServiceAccount => ({
  ...r, clientId: clientIdOf(tenantSlug, r.id), status: r.revokedAt ? 'revoked' : 'active',
});

export async function getServiceAccount(manager: EntityManager, tenantSlug: string, id: string): Promise<ServiceAccount> {
  const [row] = UUID.test(id) ? await rows<Row>(manager, `${SELECT} WHERE s.id = $1`, [id]) : [];
  if (!row) throw notFound();
  return present(tenantSlug, row);
}

export async function listServiceAccounts(manager: EntityManager, tenantSlug: string, opts: { limit: number; cursor?: unknown }): Promise<{ items: ServiceAccount[]; nextCursor?: string }> {
  const after = cursorParameter(opts.cursor);
  const accounts = await rows<Row & { sortKey: string }>(manager,
    `${SELECT.replace('SELECT ', 'SELECT lower(s.name) AS "sortKey", ')} WHERE ($1::text IS NULL OR (lower(s.name), s.id) > ($1::text, $2::uuid))
     ORDER BY lower(s.name), s.id LIMIT $3`, [after?.[0] ?? null, after?.[1] ?? null, opts.limit + 1]);
  const page = accounts.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ sortKey: _, ...r }) => present(tenantSlug, r)),
    ...(accounts.length > opts.limit ? { nextCursor: encodeCursor(last.sortKey, last.id) } : {}),
  };
}

/** Returns the secret once; only its hash is kept. */
export async function createServiceAccount(manager: EntityManager, tenant: { id: string; slug: string }, input: { name: string; organisationId: string; function: string }): Promise<{ account: ServiceAccount; clientSecret: string }> {
  requireFunction('body.function', input.function);
  await requireOrganisation(manager, 'body.organisationId', input.organisationId);
  const clientSecret = generateClientSecret();
  const [row] = await rows<{ id: string }>(manager,
    `INSERT INTO service_accounts (tenant_id, name, organisation_id, function, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenant.id, input.name, input.organisationId, input.function, await hashClientSecret(clientSecret)],
  ).catch((err: unknown) => rethrowUnique(err, { service_accounts_tenant_name: 'a service account with this name already exists in this district' }));
  return { account: await getServiceAccount(manager, tenant.slug, row.id), clientSecret };
}

/**
 * A new secret replaces the old one at once: no overlap, so a leaked secret stops working the
 * moment it is rotated. Tokens already issued stay valid until they expire (15 minutes), which
 * is the window a partner system has to switch over without failing requests.
 */
export async function rotateServiceAccount(manager: EntityManager, tenantSlug: string, id: string): Promise<{ account: ServiceAccount; clientSecret: string }> {
  const account = await getServiceAccount(manager, tenantSlug, id);
  if (account.revokedAt) throw conflict('the service account is revoked; create a new one');
  const clientSecret = generateClientSecret();
  await manager.query('UPDATE service_accounts SET secret_hash = $2, secret_rotated_at = now() WHERE id = $1', [id, await hashClientSecret(clientSecret)]);
  return { account: await getServiceAccount(manager, tenantSlug, id), clientSecret };
}

/** Final: the secret and every token already issued stop working (tokens are checked per request). */
export async function revokeServiceAccount(manager: EntityManager, tenantSlug: string, id: string): Promise<{ account: ServiceAccount; changed: boolean }> {
  await getServiceAccount(manager, tenantSlug, id);
  const [, updated]: [unknown, number] = await manager.query('UPDATE service_accounts SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return { account: await getServiceAccount(manager, tenantSlug, id), changed: updated > 0 };
}

/** True only for an existing, unrevoked account with this secret; the same effort either way. */
export async function verifyServiceAccountSecret(manager: EntityManager, id: string, secret: string): Promise<boolean> {
  const [row]: { secret_hash: string; revoked_at: Date | null }[] = await manager.query(
    'SELECT secret_hash, revoked_at FROM service_accounts WHERE id = $1', [id]);
  if (!row) return burnVerification(secret);
  const ok = await verifyClientSecret(secret, row.secret_hash);
  return ok && !row.revoked_at;
}
