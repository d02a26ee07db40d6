export * from './event-types';
export * from './signature';
export * from './backoff';
export { WEBHOOK_TIMEOUT_MS, WEBHOOK_CLAIM_MS, claimDueDeliveries, deliveryBody, postDelivery, recordOutcome, sweepWebhookDeliveries, type ClaimedDelivery, type DeliveryOutcome, type Egress } from './sender';
export { webhookFanOut } from './fan-out';
export { WEBHOOK_QUEUE, webhookJobs } from './jobs';
export { webhookRoutes } from './routes';
