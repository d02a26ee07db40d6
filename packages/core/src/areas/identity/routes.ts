import type { RouteAudit, RouteDefinition, TenantScope } from '@ketenhuis/sdk';
import { listRoles, setRole } from './roles';
import { addMembership, createUser, getUser, listUsers, removeMembership, updateUser } from './users';
import { createServiceAccount, getServiceAccount, listServiceAccounts, revokeServiceAccount, rotateServiceAccount } from './service-accounts';
import { me } from './me';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import { bodyOf } from '../../kernel/http/typed-request';

/** Described in packages/contracts/openapi/core/identity.yaml. */
const READ = 'core.identity.read';
const MANAGE = 'core.identity.manage';

const audit = (action: string, objectType: string, objectIdParam?: string): RouteAudit =>
  ({ action, objectType, purpose: 'administration', ...(objectIdParam ? { objectIdParam } : {}) });

const registryOf = (scope: TenantScope) => scope.resolve(CORE_TOKENS.ModuleRegistry);
const limitOf = (query: Record<string, unknown>) => Number(query.limit ?? 20);
const base = '/api/v1/identity';

export const identityRoutes: RouteDefinition[] = [
  {
    method: 'get', path: '/me', actingOrganisation: 'optional', audit: audit('user.read-self', 'user'),
    async handle(req, scope) {
      const body = await me(scope.manager, req.actor);
      if (body.user) scope.audit({ objectId: body.user.id });
      return { status: 200, body };
    },
  },
  {
    method: 'get', path: '/identity/roles', permission: READ, audit: audit('role.list', 'role'),
    async handle(_req, scope) {
      return { status: 200, body: await listRoles(scope.manager, registryOf(scope)) };
    },
  },
  {
    method: 'put', path: '/identity/roles/{function}', permission: MANAGE, audit: audit('role.update', 'role', 'function'),
    async handle(req, scope) {
      const { permissions } = bodyOf(req, '/api/v1/identity/roles/{function}', 'put');
      const { role, changed } = await setRole(scope.manager, scope.tenantId, registryOf(scope), req.params.function, permissions);
      if (changed) scope.audit({ changedFields: ['permissions'] });
      return { status: 200, body: role };
    },
  },
  {
    method: 'get', path: '/identity/users', permission: READ, audit: audit('user.list', 'user'),
    async handle(req, scope) {
      return { status: 200, body: await listUsers(scope.manager, { limit: limitOf(req.query), cursor: req.query.cursor }) };
    },
  },
  {
    method: 'post', path: '/identity/users', permission: MANAGE, audit: audit('user.create', 'user'),
    async handle(req, scope) {
      const input = bodyOf(req, '/api/v1/identity/users', 'post');
      const user = await createUser(scope.manager, scope.tenantId, input);
      scope.audit({ objectId: user.id, changedFields: Object.keys(input) });
      return { status: 201, body: user, headers: { location: `${base}/users/${user.id}` } };
    },
  },
  {
    method: 'get', path: '/identity/users/{id}', permission: READ, audit: audit('user.read', 'user', 'id'),
    async handle(req, scope) {
      return { status: 200, body: await getUser(scope.manager, req.params.id) };
    },
  },
  {
    method: 'patch', path: '/identity/users/{id}', permission: MANAGE, audit: audit('user.update', 'user', 'id'),
    async handle(req, scope) {
      const { user, changed } = await updateUser(scope.manager, req.params.id, bodyOf(req, '/api/v1/identity/users/{id}', 'patch'));
      scope.audit({ changedFields: changed });
      return { status: 200, body: user };
    },
  },
  {
    method: 'post', path: '/identity/users/{id}/memberships', permission: MANAGE, audit: audit('user.membership-add', 'user', 'id'),
    async handle(req, scope) {
      const membership = await addMembership(scope.manager, scope.tenantId, req.params.id, bodyOf(req, '/api/v1/identity/users/{id}/memberships', 'post'));
      scope.audit({ changedFields: ['memberships'] });
      return { status: 201, body: membership, headers: { location: `${base}/users/${req.params.id}/memberships/${membership.id}` } };
    },
  },
  {
    method: 'delete', path: '/identity/users/{id}/memberships/{membershipId}', permission: MANAGE, audit: audit('user.membership-remove', 'user', 'id'),
    async handle(req, scope) {
      await removeMembership(scope.manager, req.params.id, req.params.membershipId);
      scope.audit({ changedFields: ['memberships'] });
      return { status: 204 };
    },
  },
  {
    method: 'get', path: '/identity/service-accounts', permission: READ, audit: audit('service-account.list', 'service-account'),
    async handle(req, scope) {
      return { status: 200, body: await listServiceAccounts(scope.manager, scope.tenantSlug, { limit: limitOf(req.query), cursor: req.query.cursor }) };
    },
  },
  {
    method: 'post', path: '/identity/service-accounts', permission: MANAGE, audit: audit('service-account.create', 'service-account'), showsSecret: true,
    async handle(req, scope) {
      const input = bodyOf(req, '/api/v1/identity/service-accounts', 'post');
      const { account, clientSecret } = await createServiceAccount(scope.manager, { id: scope.tenantId, slug: scope.tenantSlug }, input);
      scope.audit({ objectId: account.id, changedFields: Object.keys(input) });
      return { status: 201, body: { ...account, clientSecret }, headers: { location: `${base}/service-accounts/${account.id}`, 'cache-control': 'no-store' } };
    },
  },
  {
    method: 'get', path: '/identity/service-accounts/{id}', permission: READ, audit: audit('service-account.read', 'service-account', 'id'),
    async handle(req, scope) {
      return { status: 200, body: await getServiceAccount(scope.manager, scope.tenantSlug, req.params.id) };
    },
  },
  {
    method: 'post', path: '/identity/service-accounts/{id}/rotate', permission: MANAGE, audit: audit('service-account.rotate', 'service-account', 'id'), showsSecret: true,
    async handle(req, scope) {
      const { account, clientSecret } = await rotateServiceAccount(scope.manager, scope.tenantSlug, req.params.id);
      scope.audit({ changedFields: ['secret'] });
      return { status: 200, body: { ...account, clientSecret }, headers: { 'cache-control': 'no-store' } };
    },
  },
  {
    method: 'post', path: '/identity/service-accounts/{id}/revoke', permission: MANAGE, audit: audit('service-account.revoke', 'service-account', 'id'),
    async handle(req, scope) {
      const { account, changed } = await revokeServiceAccount(scope.manager, scope.tenantSlug, req.params.id);
      if (changed) scope.audit({ changedFields: ['status'] });
      return { status: 200, body: account };
    },
  },
];
