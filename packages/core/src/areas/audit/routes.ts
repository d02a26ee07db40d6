import { notFound, type RouteDefinition } from '@ketenhuis/sdk';
import { auditPage, auditQueryOf } from './audit-query';
import { subjectAccessExport } from './subject-access-export';
import { CORE_TOKENS } from '../../kernel/core-tokens';

/** Described in packages/contracts/openapi/core/audit.yaml. */
export const auditRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/audit',
    permission: 'core.audit.read',
    // Reading the trail is itself on the trail: who looked into whose history is worth knowing.
    audit: { action: 'audit.query', objectType: 'audit', purpose: 'administration' },
    async handle(req, scope) {
      return { status: 200, body: await auditPage(scope, auditQueryOf(req)) };
    },
  },
  {
    method: 'get',
    path: '/persons/{id}/audit-export',
    permission: 'core.audit.export',
    audit: { action: 'person.audit-export', objectType: 'person', objectIdParam: 'id', purpose: 'administration' },
    async handle(req, scope) {
      const body = await subjectAccessExport(scope, scope.resolve(CORE_TOKENS.FieldCipher), req.params.id);
      if (!body) throw notFound();
      return {
        status: 200,
        body,
        headers: { 'content-disposition': `attachment; filename="audit-export-${req.params.id}.json"` },
      };
    },
  },
];
