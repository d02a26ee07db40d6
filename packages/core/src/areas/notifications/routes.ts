import { notFound, type RouteAudit, type RouteDefinition } from '@ketenhuis/sdk';
import { readBySql, recipientOf, recipientParams, visibleNotificationSql } from './notification-access';
import { NOTIFICATION_COLUMNS, notificationView, type NotificationRow } from './notification-view';
import { timePage } from '../../kernel/values/time-page';
import { encodeCursor } from '../../kernel/values/cursor';

const audit = (action: string, objectIdParam?: string): RouteAudit => ({ action, objectType: 'notification', ...(objectIdParam ? { objectIdParam } : {}) });

/**
 * Described in packages/contracts/openapi/core/notifications.yaml. No permission: whoever is
 * authenticated and acts for an organisation gets what is meant for it; the caller's
 * organisation, function and user decide which notifications those are.
 */
export const notificationRoutes: RouteDefinition[] = [
  {
    method: 'get', path: '/notifications', audit: audit('notification.list'),
    async handle(req, scope) {
      const { limit, after } = timePage(req);
      const recipient = recipientOf(req.actor);
      if (!recipient) return { status: 200, body: { items: [] } };
      const unreadOnly = req.query.unread === true || req.query.unread === 'true';
      const rows = await scope.query<NotificationRow & { at_key: string }>(
        `SELECT ${NOTIFICATION_COLUMNS}, n.created_at::text AS at_key, ${readBySql(4)} AS read
         FROM notifications n
         WHERE ${visibleNotificationSql(1)}
           AND (NOT $5::boolean OR NOT ${readBySql(4)})
           AND ($6::timestamptz IS NULL OR (n.created_at, n.id) < ($6::timestamptz, $7::uuid))
         ORDER BY n.created_at DESC, n.id DESC LIMIT $8`,
        [...recipientParams(recipient), recipient.subject, unreadOnly, after?.[0] ?? null, after?.[1] ?? null, limit + 1]);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        status: 200,
        body: { items: page.map(notificationView), ...(rows.length > limit ? { nextCursor: encodeCursor(last.at_key, last.id) } : {}) },
      };
    },
  },
  {
    method: 'post', path: '/notifications/{id}/read', audit: audit('notification.read', 'id'),
    async handle(req, scope) {
      const recipient = recipientOf(req.actor);
      if (!recipient) throw notFound();
      // Marking twice is the same as once; someone else's notification is one that does not exist.
      const [seen] = await scope.query<{ id: string }>(
        `SELECT n.id FROM notifications n WHERE n.id = $4 AND ${visibleNotificationSql(1)}`, [...recipientParams(recipient), req.params.id]);
      if (!seen) throw notFound();
      await scope.query(
        `INSERT INTO notification_reads (tenant_id, notification_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [scope.tenantId, seen.id, recipient.subject]);
      return { status: 204 };
    },
  },
  {
    method: 'post', path: '/notifications/read-all', audit: audit('notification.read-all'),
    async handle(req, scope) {
      const recipient = recipientOf(req.actor);
      if (recipient) {
        await scope.query(
          `INSERT INTO notification_reads (tenant_id, notification_id, subject)
           SELECT n.tenant_id, n.id, $4 FROM notifications n WHERE ${visibleNotificationSql(1)} AND NOT ${readBySql(4)}
           ON CONFLICT DO NOTHING`,
          [...recipientParams(recipient), recipient.subject]);
      }
      return { status: 204 };
    },
  },
];
