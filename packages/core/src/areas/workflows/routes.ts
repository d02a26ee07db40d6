import type { ChainRequest, RouteAudit, RouteDefinition } from '@ketenhuis/sdk';
import { requireVisibleCase, viewerOf } from '../cases/case-access';
import { caseView } from '../cases/case-view';
import { checkIfMatch, etagOf } from '../cases/etag';
import { applyTransition } from './apply-transition';
import { availableTransitions, workflowOf } from './case-workflow';
import { bodyOf } from '../../kernel/http/typed-request';

const audit = (action: string): RouteAudit => ({ action, objectType: 'case', objectIdParam: 'id' });

const hasIfMatch = (req: ChainRequest) => {
  const h = req.headers['if-match'];
  return h !== undefined && (Array.isArray(h) ? h.join('') : h).trim() !== '';
};

/**
 * Described in packages/contracts/openapi/core/workflows.yaml. Reading the case opens the door;
 * each transition's own permission decides whether the caller may take it.
 */
export const workflowRoutes: RouteDefinition[] = [
  {
    method: 'get', path: '/cases/{id}/transitions', permission: 'core.case.read', audit: audit('case.transitions.read'),
    async handle(req, scope) {
      const row = await requireVisibleCase(scope, viewerOf(req.actor), req.params.id);
      const wf = workflowOf(scope, row);
      const stateTitle = wf?.states.find((s) => s.id === row.state)?.title ?? { nl: row.state };
      return {
        status: 200,
        body: { state: row.state, stateTitle, items: availableTransitions(wf, row.state, req.actor) },
        headers: { etag: etagOf(row.version) },
      };
    },
  },
  {
    method: 'post', path: '/cases/{id}/transitions', permission: 'core.case.read', audit: audit('case.transition'),
    async handle(req, scope) {
      const row = await requireVisibleCase(scope, viewerOf(req.actor), req.params.id);
      // Optional here: the state check already keeps two transitions from crossing.
      if (hasIfMatch(req)) checkIfMatch(req.headers['if-match'], row.version);
      const moved = await applyTransition(scope, req.actor, row, bodyOf(req, '/api/v1/cases/{id}/transitions', 'post'));
      scope.audit({ objectId: row.id, changedFields: ['state'] });
      return { status: 200, body: await caseView(scope, viewerOf(req.actor), moved), headers: { etag: etagOf(moved.version) } };
    },
  },
];
