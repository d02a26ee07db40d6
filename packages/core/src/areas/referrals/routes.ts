import type { ChainRequest, RouteAudit, RouteDefinition, TenantScope } from '@ketenhuis/sdk';
import { requireVisibleCase, viewerOf } from '../cases/case-access';
import { REFERRAL_COLUMNS, requireVisibleReferral, visibleReferralSql, type ReferralRow } from './referral-access';
import { referralSummary, referralView } from './referral-view';
import { moveReferral } from './move-referral';
import { sendReferral } from './send-referral';
import { sharedCaseData } from './shared-case-data';
import { referralTypeOf } from './referral-types';
import { timePage } from '../../kernel/values/time-page';
import { encodeCursor } from '../../kernel/values/cursor';
import { bodyOf, queryOf } from '../../kernel/http/typed-request';

const onReferral = (action: string, objectIdParam?: string): RouteAudit => ({ action, objectType: 'referral', ...(objectIdParam ? { objectIdParam } : {}) });
const onCase = (action: string): RouteAudit => ({ action, objectType: 'case', objectIdParam: 'id' });
const location = (id: string) => `/api/v1/referrals/${id}`;

/** The acting organisation's referrals, received or sent, newest first. */
async function listReferrals(req: ChainRequest, scope: TenantScope) {
  const { limit, after } = timePage(req);
  const { direction = 'received', state } = queryOf(req, '/api/v1/referrals', 'get');
  const viewer = viewerOf(req.actor);
  // Sent: by the organisation acted for (or, acting for none, by the caller itself), and still
  // visible through the case: an organisation that left the case no longer follows its referrals.
  const whose = direction === 'sent'
    ? `(r.sending_organisation_id = $5::uuid OR ($5::uuid IS NULL AND r.sending_organisation_id IS NULL AND r.sending_subject = $6)) AND ${visibleReferralSql(5, 6)}`
    : 'r.receiving_organisation_id = $5::uuid';
  const rows = await scope.query<ReferralRow & { at_key: string }>(
    `SELECT ${REFERRAL_COLUMNS}, r.sent_at::text AS at_key FROM referrals r
     WHERE ${whose} AND ($1::text IS NULL OR r.state = $1)
       AND ($2::timestamptz IS NULL OR (r.sent_at, r.id) < ($2::timestamptz, $3::uuid))
     ORDER BY r.sent_at DESC, r.id DESC LIMIT $4`,
    [state ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1, viewer.organisationId, ...(direction === 'sent' ? [viewer.subject] : [])]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => referralSummary(scope, r, req.actor)), ...(rows.length > limit ? { nextCursor: encodeCursor(last.at_key, last.id) } : {}) };
}

/** Described in packages/contracts/openapi/core/referrals.yaml; docs/referrals.md tells who sees what. */
export const referralRoutes: RouteDefinition[] = [
  {
    method: 'post', path: '/cases/{id}/referrals', permission: 'core.referral.send', audit: onCase('referral.send'),
    async handle(req, scope) {
      const c = await requireVisibleCase(scope, viewerOf(req.actor), req.params.id);
      const row = await sendReferral(scope, req.actor, c, bodyOf(req, '/api/v1/cases/{id}/referrals', 'post'));
      scope.audit({ changedFields: ['referrals'] });
      return { status: 201, body: await referralView(scope, row, req.actor), headers: { location: location(row.id) } };
    },
  },
  {
    method: 'get', path: '/cases/{id}/referrals', permission: 'core.referral.read', audit: onCase('case.referrals.read'),
    async handle(req, scope) {
      const c = await requireVisibleCase(scope, viewerOf(req.actor), req.params.id);
      // A case has a handful of referrals: one page, oldest first.
      const rows = await scope.query<ReferralRow>(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.case_id = $1 ORDER BY r.sent_at, r.id LIMIT 1000`, [c.id]);
      return { status: 200, body: { items: rows.map((r) => referralSummary(scope, r, req.actor)) } };
    },
  },
  {
    method: 'get', path: '/referrals', permission: 'core.referral.read', audit: onReferral('referral.list'),
    async handle(req, scope) {
      return { status: 200, body: await listReferrals(req, scope) };
    },
  },
  {
    method: 'get', path: '/referrals/{id}', permission: 'core.referral.read', audit: onReferral('referral.read', 'id'),
    async handle(req, scope) {
      const row = await requireVisibleReferral(scope, viewerOf(req.actor), req.params.id);
      // Only what the type names; a type no longer installed names nothing.
      const shared = referralTypeOf(scope, row.type)?.type.sharedCaseData ?? [];
      const body = { ...await referralView(scope, row, req.actor), case: await sharedCaseData(scope, row.case_id, shared) };
      return { status: 200, body };
    },
  },
  {
    method: 'post', path: '/referrals/{id}/transitions', permission: 'core.referral.respond', audit: onReferral('referral.transition', 'id'),
    async handle(req, scope) {
      const row = await requireVisibleReferral(scope, viewerOf(req.actor), req.params.id);
      const moved = await moveReferral(scope, req.actor, row, bodyOf(req, '/api/v1/referrals/{id}/transitions', 'post'));
      scope.audit({ changedFields: ['state'] });
      return { status: 200, body: await referralView(scope, moved, req.actor) };
    },
  },
];
