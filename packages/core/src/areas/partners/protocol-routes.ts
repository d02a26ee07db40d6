import { notFound, type RouteDefinition } from '@ketenhuis/sdk';
import { pageParams } from './organisation-routes';
import { throwIfInvalid } from './organisation-store';
import { legalBasisTypes, protocolPurposes } from './protocol-catalogue';
import { changedProtocolFields, resolveProtocol } from './protocol-rules';
import { ProtocolStore, type Protocol } from './protocol-store';
import { encodeCursor } from '../../kernel/values/cursor';
import { bodyOf } from '../../kernel/http/typed-request';

const AUDIT = { objectType: 'protocol', purpose: 'administration', objectIdParam: 'id' } as const;

const protocolBody = ({ id, createdAt, updatedAt, ...state }: Protocol) => ({ id, ...state, createdAt, updatedAt });

/** Described in packages/contracts/openapi/core/partners.yaml. */
export const protocolRoutes: RouteDefinition[] = [
  {
    method: 'get', path: '/partners/protocol-purposes',
    async handle() {
      return { status: 200, body: { purposes: protocolPurposes, legalBasisTypes } };
    },
  },
  {
    method: 'get', path: '/partners/protocols', permission: 'core.protocol.read',
    audit: { ...AUDIT, action: 'protocol.list' },
    async handle(req, scope) {
      const { limit, after } = pageParams(req);
      const rows = await new ProtocolStore(scope.manager, scope.tenantId).page({ chain: req.query.chain as string | undefined, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { status: 200, body: { items: page.map(protocolBody), ...(rows.length > limit ? { nextCursor: encodeCursor(last.title, last.id) } : {}) } };
    },
  },
  {
    method: 'post', path: '/partners/protocols', permission: 'core.protocol.manage',
    audit: { ...AUDIT, action: 'protocol.create' },
    async handle(req, scope) {
      const body = bodyOf(req, '/api/v1/partners/protocols', 'post');
      const { state, errors } = resolveProtocol(body);
      throwIfInvalid(errors, 'body.');
      const store = new ProtocolStore(scope.manager, scope.tenantId);
      await store.checkOrganisations(state, 'body.');
      const created = await store.insert(state);
      scope.audit({ objectId: created.id, changedFields: Object.keys(body) });
      return { status: 201, body: protocolBody(created), headers: { location: `/api/v1/partners/protocols/${created.id}` } };
    },
  },
  {
    method: 'get', path: '/partners/protocols/{id}', permission: 'core.protocol.read',
    audit: { ...AUDIT, action: 'protocol.read' },
    async handle(req, scope) {
      const found = await new ProtocolStore(scope.manager, scope.tenantId).get(req.params.id);
      if (!found) throw notFound();
      return { status: 200, body: protocolBody(found) };
    },
  },
  {
    method: 'patch', path: '/partners/protocols/{id}', permission: 'core.protocol.manage',
    audit: { ...AUDIT, action: 'protocol.update' },
    async handle(req, scope) {
      const store = new ProtocolStore(scope.manager, scope.tenantId);
      const current = await store.get(req.params.id);
      if (!current) throw notFound();
      const { state, errors } = resolveProtocol(bodyOf(req, '/api/v1/partners/protocols/{id}', 'patch'), current);
      throwIfInvalid(errors, 'body.');
      await store.checkOrganisations(state, 'body.');
      const { state: before } = resolveProtocol({}, current);
      const changed = changedProtocolFields(before, state);
      scope.audit({ objectId: current.id, changedFields: changed });
      const result = changed.length ? await store.update(current.id, state) : current;
      return { status: 200, body: protocolBody(result) };
    },
  },
];
