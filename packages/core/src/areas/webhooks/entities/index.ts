import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export { WebhookDeliveryEntity, WebhookSubscriptionEntity };

export const webhooksEntities: Function[] = [WebhookSubscriptionEntity, WebhookDeliveryEntity];
