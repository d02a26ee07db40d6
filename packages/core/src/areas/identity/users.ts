import type { EntityManager } from 'typeorm';
import { badRequest, notFound } from '../../kernel/http/problem';
import { requireEmail, requireFunction } from './validation';
import { cursorParameter, encodeCursor } from '../../kernel/values/cursor';
import { rethrowUnique } from '../../kernel/values/database-errors';
import { UUID } from '../../kernel/values/uuid';
import { rows, type ExistsRow } from '../../kernel/db/rows';

export interface Membership {
  id: string;
  organisationId: string;
  organisationName: string;
  function: string;
}

export interface User {
  id: string;
  subject: string | null;
  name: string;
  email: string;
  status: 'active' | 'disabled';
  memberships: Membership[];
  createdAt: Date;
  updatedAt: Date;
}

export interface UserInput {
  name: string;
  email: string;
  subject?: string | null;
  status?: 'active' | 'disabled';
}

const USER_COLUMNS = `id, subject, name, email, status, created_at AS "createdAt", updated_at AS "updatedAt"`;

const UNIQUE_USER = {
  users_tenant_email: 'a user with this e-mail address already exists in this district',
  users_tenant_subject: 'a user with this subject already exists in this district',
};

async function membershipsOf(manager: EntityManager, userIds: string[]): Promise<Map<string, Membership[]>> {
  const found = userIds.length ? await rows<Membership & { userId: string }>(manager,
    `SELECT m.id, m.user_id AS "userId", m.organisation_id AS "organisationId", o.name AS "organisationName", m.function
     FROM memberships m JOIN organisations o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
     WHERE m.user_id = ANY($1::uuid[]) ORDER BY o.name, m.id`, [userIds]) : [];
  const out = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  for (const { userId, ...m } of found) out.get(userId)!.push(m);
  return out;
}

export async function listUsers(manager: EntityManager, opts: { limit: number; cursor?: unknown }): Promise<{ items: User[]; nextCursor?: string }> {
  const after = cursorParameter(opts.cursor);
  const users = await rows<Omit<User, 'memberships'> & { sortKey: string }>(manager,
    `SELECT lower(email) AS "sortKey", ${USER_COLUMNS} FROM users
     WHERE ($1::text IS NULL OR (lower(email), id) > ($1::text, $2::uuid))
     ORDER BY lower(email), id LIMIT $3`, [after?.[0] ?? null, after?.[1] ?? null, opts.limit + 1]);
  const page = users.slice(0, opts.limit);
  const memberships = await membershipsOf(manager, page.map((u) => u.id));
  const last = page[page.length - 1];
  return {
    items: page.map(({ sortKey: _, ...u }) => ({ ...u, memberships: memberships.get(u.id)! })),
    ...(users.length > opts.limit ? { nextCursor: encodeCursor(last.sortKey, last.id) } : {}),
  };
}

/** Another tenant's user, or a malformed id, is simply not found. */
export async function getUser(manager: EntityManager, id: string): Promise<User> {
  if (!UUID.test(id)) throw notFound();
  const [row]: Omit<User, 'memberships'>[] = await manager.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  if (!row) throw notFound();
  return { ...row, memberships: (await membershipsOf(manager, [id])).get(id)! };
}

export async function findUserByEmail(manager: EntityManager, email: string): Promise<User | undefined> {
  const [row]: { id: string }[] = await manager.query('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  return row ? getUser(manager, row.id) : undefined;
}

export async function createUser(manager: EntityManager, tenantId: string, input: UserInput): Promise<User> {
  requireEmail('body.email', input.email);
  const [row] = await rows<{ id: string }>(manager,
    `INSERT INTO users (tenant_id, subject, name, email, status) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [tenantId, input.subject ?? null, input.name, input.email, input.status ?? 'active'],
  ).catch((err: unknown) => rethrowUnique(err, UNIQUE_USER));
  return getUser(manager, row.id);
}

/** Applies the given fields; returns the user and the names of the fields that changed. */
export async function updateUser(manager: EntityManager, id: string, patch: Partial<UserInput>): Promise<{ user: User; changed: string[] }> {
  const before = await getUser(manager, id);
  if (patch.email !== undefined) requireEmail('body.email', patch.email);
  const changed = (['name', 'email', 'subject', 'status'] as const).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
  if (!changed.length) return { user: before, changed };
  const columns = changed.map((k, i) => `${k} = $${i + 2}`).join(', ');
  await manager.query(`UPDATE users SET ${columns}, updated_at = now() WHERE id = $1`, [id, ...changed.map((k) => patch[k])])
    .catch((err: unknown) => rethrowUnique(err, UNIQUE_USER));
  return { user: await getUser(manager, id), changed };
}

/** The organisation must be one of this tenant's; otherwise the request names an unknown one. */
export async function requireOrganisation(manager: EntityManager, field: string, organisationId: string): Promise<void> {
  const [org] = UUID.test(organisationId) ? await rows<ExistsRow>(manager, 'SELECT 1 FROM organisations WHERE id = $1', [organisationId]) : [];
  if (!org) throw badRequest(field, 'no organisation with this id in this district');
}

export async function addMembership(manager: EntityManager, tenantId: string, userId: string, input: { organisationId: string; function: string }): Promise<Membership> {
  await getUser(manager, userId);
  requireFunction('body.function', input.function);
  await requireOrganisation(manager, 'body.organisationId', input.organisationId);
  const [row] = await rows<{ id: string }>(manager,
    'INSERT INTO memberships (tenant_id, user_id, organisation_id, function) VALUES ($1, $2, $3, $4) RETURNING id',
    [tenantId, userId, input.organisationId, input.function],
  ).catch((err: unknown) => rethrowUnique(err, { memberships_one_per_organisation: 'the user is already a member of this organisation (one function per organisation)' }));
  const [m]: Membership[] = await manager.query(
    `SELECT m.id, m.organisation_id AS "organisationId", o.name AS "organisationName", m.function
     FROM memberships m JOIN organisations o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id WHERE m.id = $1`, [row.id]);
  return m;
}

export async function removeMembership(manager: EntityManager, userId: string, membershipId: string): Promise<void> {
  if (!UUID.test(userId) || !UUID.test(membershipId)) throw notFound();
  const [, deleted]: [unknown, number] = await manager.query('DELETE FROM memberships WHERE id = $1 AND user_id = $2', [membershipId, userId]);
  if (!deleted) throw notFound();
}
