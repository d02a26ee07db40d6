import { OutboxDeliveryEntity } from './outbox-delivery.entity';
import { OutboxEventEntity } from './outbox-event.entity';

export { OutboxDeliveryEntity, OutboxEventEntity };

export const outboxEntities: Function[] = [OutboxEventEntity, OutboxDeliveryEntity];
