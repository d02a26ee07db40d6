import { badRequest, notFound, type ChainRequest, type RouteDefinition } from '@ketenhuis/sdk';
import { organisationTypes } from './organisation-types';
import { changedOrganisationFields, resolveOrganisation } from './organisation-rules';
import { OrganisationStore, organisationBody, throwIfInvalid } from './organisation-store';
import { decodeCursor, encodeCursor } from '../../kernel/values/cursor';
import { bodyOf } from '../../kernel/http/typed-request';

const AUDIT = { objectType: 'organisation', purpose: 'administration', objectIdParam: 'id' } as const;

export function pageParams(req: ChainRequest): { limit: number; after?: [string, string] } {
  const limit = Number(req.query.limit ?? 20);
  if (req.query.cursor === undefined) return { limit };
  const after = typeof req.query.cursor === 'string' ? decodeCursor(req.query.cursor) : undefined;
  if (!after) throw badRequest('query.cursor', 'is not a cursor this API gave out');
  return { limit, after };
}

/** Described in packages/contracts/openapi/core/partners.yaml. */
export const organisationRoutes: RouteDefinition[] = [
  {
    // Reference data without partner data in it: any signed-in user may read it (forms need it).
    method: 'get', path: '/partners/organisation-types',
    async handle() {
      return { status: 200, body: { items: organisationTypes } };
    },
  },
  {
    method: 'get', path: '/partners/organisations', permission: 'core.partner.read',
    audit: { ...AUDIT, action: 'partner.list' },
    async handle(req, scope) {
      const { limit, after } = pageParams(req);
      const filter = { type: req.query.type as string | undefined, chain: req.query.chain as string | undefined };
      const rows = await new OrganisationStore(scope.manager, scope.tenantId).page({ ...filter, after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { status: 200, body: { items: page.map(organisationBody), ...(rows.length > limit ? { nextCursor: encodeCursor(last.name, last.id) } : {}) } };
    },
  },
  {
    method: 'post', path: '/partners/organisations', permission: 'core.partner.manage',
    audit: { ...AUDIT, action: 'partner.create' },
    async handle(req, scope) {
      const body = bodyOf(req, '/api/v1/partners/organisations', 'post');
      const { state, errors } = resolveOrganisation(body);
      throwIfInvalid(errors, 'body.');
      const store = new OrganisationStore(scope.manager, scope.tenantId);
      let created = await store.insert(state);
      if (body.mergedIntoId) {
        await store.checkMergeTarget(created.id, body.mergedIntoId, 'body.mergedIntoId');
        created = await store.update(created.id, { ...state, mergedIntoId: body.mergedIntoId });
      }
      scope.audit({ objectId: created.id, changedFields: Object.keys(body) });
      return { status: 201, body: organisationBody(created), headers: { location: `/api/v1/partners/organisations/${created.id}` } };
    },
  },
  {
    method: 'get', path: '/partners/organisations/{id}', permission: 'core.partner.read',
    audit: { ...AUDIT, action: 'partner.read' },
    async handle(req, scope) {
      const found = await new OrganisationStore(scope.manager, scope.tenantId).get(req.params.id);
      if (!found) throw notFound();
      return { status: 200, body: organisationBody(found) };
    },
  },
  {
    method: 'patch', path: '/partners/organisations/{id}', permission: 'core.partner.manage',
    audit: { ...AUDIT, action: 'partner.update' },
    async handle(req, scope) {
      const store = new OrganisationStore(scope.manager, scope.tenantId);
      const current = await store.get(req.params.id);
      if (!current) throw notFound();
      const body = bodyOf(req, '/api/v1/partners/organisations/{id}', 'patch');
      const { state, errors } = resolveOrganisation(body, current);
      throwIfInvalid(errors, 'body.');
      const mergedIntoId = body.mergedIntoId === undefined ? current.mergedIntoId : body.mergedIntoId;
      if (mergedIntoId && mergedIntoId !== current.mergedIntoId) await store.checkMergeTarget(current.id, mergedIntoId, 'body.mergedIntoId');
      const changed: string[] = changedOrganisationFields(current, state);
      if (mergedIntoId !== current.mergedIntoId) changed.push('mergedIntoId');
      scope.audit({ objectId: current.id, changedFields: changed });
      // Nothing changed: nothing written, and updatedAt keeps meaning "last real change".
      const result = changed.length ? await store.update(current.id, { ...state, mergedIntoId }) : current;
      return { status: 200, body: organisationBody(result) };
    },
  },
];
