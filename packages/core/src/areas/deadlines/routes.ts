import { badRequest, type ChainRequest, type RouteAudit, type RouteDefinition, type TenantScope } from '@ketenhuis/sdk';
import { requireVisibleCase, viewerOf } from '../cases/case-access';
import { extendDeadline, resumeDeadline, suspendDeadline } from './deadline-actions';
import { knownDeadlines } from './deadline-settings';
import { DEADLINE_COLUMNS, deadlineViews, type DeadlineRow } from './deadline-view';
import { isPositiveDuration } from '../../kernel/values/duration';
import { bodyOf } from '../../kernel/http/typed-request';

const onDeadline = (action: string): RouteAudit => ({ action, objectType: 'deadline', objectIdParam: 'deadlineId' });
const onSetting = (action: string): RouteAudit => ({ action, objectType: 'deadline-setting', objectIdParam: 'key', purpose: 'administration' });

const caseOf = (req: ChainRequest, scope: TenantScope) => requireVisibleCase(scope, viewerOf(req.actor), req.params.id);

/** A change to one deadline: on a case the caller sees, audited with what changed. */
function deadlineAction(path: string, action: string, run: (req: ChainRequest, scope: TenantScope, caseId: string) => Promise<DeadlineRow>): RouteDefinition {
  return {
    method: 'post', path: `/cases/{id}/deadlines/{deadlineId}/${path}`, permission: 'core.deadline.manage', audit: onDeadline(action),
    async handle(req, scope) {
      const c = await caseOf(req, scope);
      const row = await run(req, scope, c.id);
      scope.audit({ objectId: row.id, changedFields: path === 'extend' ? ['dueAt', 'warnAt'] : ['state', 'dueAt', 'warnAt'] });
      const [view] = await deadlineViews(scope, [row]);
      return { status: 200, body: view };
    },
  };
}

async function requireKnownKey(scope: TenantScope, key: string): Promise<void> {
  if (!(await knownDeadlines(scope)).some((k) => k.key === key)) {
    throw badRequest('path.key', 'is not a deadline of a chain enabled in this district (see GET /deadline-settings)');
  }
}

async function settingsView(scope: TenantScope) {
  const known = await knownDeadlines(scope);
  const rows = await scope.query<{ source_key: string; duration: string; warn_before: string | null; updated_at: Date; updated_by_subject: string }>(
    'SELECT source_key, duration, warn_before, updated_at, updated_by_subject FROM deadline_settings');
  const byKey = new Map(rows.map((r) => [r.source_key, r]));
  return known.map((k) => {
    const s = byKey.get(k.key);
    return {
      key: k.key, chain: k.chain, kind: k.kind, title: k.title,
      default: { duration: k.duration, ...(k.warnBefore ? { warnBefore: k.warnBefore } : {}) },
      ...(s ? { configured: { duration: s.duration, ...(s.warn_before ? { warnBefore: s.warn_before } : {}), updatedAt: new Date(s.updated_at).toISOString(), updatedBy: s.updated_by_subject } } : {}),
    };
  });
}

/** Described in packages/contracts/openapi/core/deadlines.yaml. */
export const deadlineRoutes: RouteDefinition[] = [
  {
    method: 'get', path: '/cases/{id}/deadlines', permission: 'core.deadline.read', audit: { action: 'case.deadlines.read', objectType: 'case', objectIdParam: 'id' },
    async handle(req, scope) {
      const c = await caseOf(req, scope);
      const rows = await scope.query<DeadlineRow>(`SELECT ${DEADLINE_COLUMNS} FROM deadlines d WHERE d.case_id = $1 ORDER BY d.started_at, d.id`, [c.id]);
      return { status: 200, body: { items: await deadlineViews(scope, rows) } };
    },
  },
  deadlineAction('suspend', 'deadline.suspend', (req, scope, caseId) =>
    suspendDeadline(scope, req.actor, caseId, req.params.deadlineId, bodyOf(req, '/api/v1/cases/{id}/deadlines/{deadlineId}/suspend', 'post').reason)),
  deadlineAction('resume', 'deadline.resume', (req, scope, caseId) =>
    resumeDeadline(scope, req.actor, caseId, req.params.deadlineId, bodyOf(req, '/api/v1/cases/{id}/deadlines/{deadlineId}/resume', 'post')?.reason)),
  deadlineAction('extend', 'deadline.extend', (req, scope, caseId) =>
    extendDeadline(scope, req.actor, caseId, req.params.deadlineId, bodyOf(req, '/api/v1/cases/{id}/deadlines/{deadlineId}/extend', 'post'))),
  {
    method: 'get', path: '/deadline-settings', permission: 'core.deadline.configure', audit: onSetting('deadline-setting.list'),
    async handle(_req, scope) {
      return { status: 200, body: { items: await settingsView(scope) } };
    },
  },
  {
    method: 'put', path: '/deadline-settings/{key}', permission: 'core.deadline.configure', audit: onSetting('deadline-setting.update'),
    async handle(req, scope) {
      const key = req.params.key;
      await requireKnownKey(scope, key);
      const body = bodyOf(req, '/api/v1/deadline-settings/{key}', 'put');
      if (!isPositiveDuration(body.duration)) throw badRequest('body.duration', 'must be a non-zero ISO 8601 duration of at most 100 years (e.g. P2M, PT48H)');
      if (body.warnBefore !== undefined && !isPositiveDuration(body.warnBefore)) throw badRequest('body.warnBefore', 'must be a non-zero ISO 8601 duration of at most 100 years');
      await scope.query(
        `INSERT INTO deadline_settings (tenant_id, source_key, duration, warn_before, updated_by_subject) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, source_key) DO UPDATE SET duration = excluded.duration, warn_before = excluded.warn_before,
           updated_at = now(), updated_by_subject = excluded.updated_by_subject`,
        [scope.tenantId, key, body.duration, body.warnBefore ?? null, req.actor.subject]);
      scope.audit({ objectId: key, changedFields: ['duration', ...(body.warnBefore !== undefined ? ['warnBefore'] : [])] });
      return { status: 200, body: (await settingsView(scope)).find((s) => s.key === key) };
    },
  },
  {
    method: 'delete', path: '/deadline-settings/{key}', permission: 'core.deadline.configure', audit: onSetting('deadline-setting.reset'),
    async handle(req, scope) {
      const key = req.params.key;
      await requireKnownKey(scope, key);
      await scope.query('DELETE FROM deadline_settings WHERE source_key = $1', [key]);
      scope.audit({ objectId: key, changedFields: ['duration', 'warnBefore'] });
      return { status: 204 };
    },
  },
];
