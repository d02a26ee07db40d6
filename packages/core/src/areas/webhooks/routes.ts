import type { RouteAudit, RouteDefinition } from '@ketenhuis/sdk';
import { listDeliveries, retryDelivery, type DeliveryState } from './deliveries';
import { createSubscription, deleteSubscription, listSubscriptions, requireSubscription, rotateSecret, subscriptionView, updateSubscription } from './subscriptions';
import { timePage } from '../../kernel/values/time-page';
import { bodyOf } from '../../kernel/http/typed-request';

const MANAGE = 'core.webhook.manage';
const audit = (action: string, objectIdParam?: string): RouteAudit =>
  ({ action, objectType: 'webhook', purpose: 'administration', ...(objectIdParam ? { objectIdParam } : {}) });

/**
 * Described in packages/contracts/openapi/core/webhooks.yaml. Everything is the acting
 * organisation's own: another organisation's webhook is one that does not exist.
 */
export const webhookRoutes: RouteDefinition[] = [
  {
    method: 'post', path: '/webhooks', permission: MANAGE, audit: audit('webhook.create'), showsSecret: true,
    async handle(req, scope) {
      const input = bodyOf(req, '/api/v1/webhooks', 'post');
      const created = await createSubscription(scope, req.actor, input);
      scope.audit({ objectId: created.id, changedFields: ['url', 'eventTypes'] });
      return { status: 201, body: created, headers: { location: `/api/v1/webhooks/${created.id}` } };
    },
  },
  {
    method: 'get', path: '/webhooks', permission: MANAGE, audit: audit('webhook.list'),
    async handle(req, scope) {
      return { status: 200, body: await listSubscriptions(scope, req.actor, timePage(req)) };
    },
  },
  {
    method: 'get', path: '/webhooks/{id}', permission: MANAGE, audit: audit('webhook.read', 'id'),
    async handle(req, scope) {
      return { status: 200, body: subscriptionView(await requireSubscription(scope, req.actor, req.params.id)) };
    },
  },
  {
    method: 'patch', path: '/webhooks/{id}', permission: MANAGE, audit: audit('webhook.update', 'id'),
    async handle(req, scope) {
      const { webhook, changed } = await updateSubscription(scope, req.actor, req.params.id, bodyOf(req, '/api/v1/webhooks/{id}', 'patch'));
      scope.audit({ changedFields: changed });
      return { status: 200, body: webhook };
    },
  },
  {
    // 200, not 201: the webhook gets a new secret, no new resource comes into being.
    method: 'post', path: '/webhooks/{id}/secret', permission: MANAGE, audit: audit('webhook.secret.rotate', 'id'), showsSecret: true,
    async handle(req, scope) {
      const rotated = await rotateSecret(scope, req.actor, req.params.id);
      scope.audit({ changedFields: ['secret'] });
      return { status: 200, body: rotated };
    },
  },
  {
    method: 'delete', path: '/webhooks/{id}', permission: MANAGE, audit: audit('webhook.delete', 'id'),
    async handle(req, scope) {
      await deleteSubscription(scope, req.actor, req.params.id);
      return { status: 204 };
    },
  },
  {
    method: 'get', path: '/webhooks/{id}/deliveries', permission: MANAGE, audit: audit('webhook.deliveries.list', 'id'),
    async handle(req, scope) {
      const subscription = await requireSubscription(scope, req.actor, req.params.id);
      const state = req.query.state as DeliveryState | undefined;
      return { status: 200, body: await listDeliveries(scope, subscription.id, state, timePage(req)) };
    },
  },
  {
    method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/retry', permission: MANAGE, audit: audit('webhook.delivery.retry', 'id'),
    async handle(req, scope) {
      const subscription = await requireSubscription(scope, req.actor, req.params.id);
      const delivery = await retryDelivery(scope, subscription.id, req.params.deliveryId);
      scope.audit({ changedFields: ['state'] });
      return { status: 200, body: delivery };
    },
  },
];
