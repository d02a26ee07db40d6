import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OutboxEventEntity } from '../../../kernel/outbox/entities';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

/**
 * One delivery per (subscription, outbox event): the truth about what was sent. The event's
 * aggregate and time are copied, so what is sent never depends on how long the outbox keeps it.
 */
@Entity('webhook_deliveries')
@Unique('webhook_deliveries_tenant_id_id_key', ['tenantId', 'id'])
@Unique('webhook_deliveries_subscription_id_event_id_key', ['subscriptionId', 'eventId'])
@ForeignKey(() => WebhookSubscriptionEntity, ['tenantId', 'subscriptionId'], ['tenantId', 'id'], { name: 'webhook_deliveries_tenant_id_subscription_id_fkey', onDelete: 'CASCADE' })
@Index('webhook_deliveries_due', ['tenantId', 'nextAttemptAt'], { where: `state = 'pending'` })
@Index('webhook_deliveries_subscription', ['tenantId', 'subscriptionId', 'createdAt', 'id'])
@Check('webhook_deliveries_event_type_check', `event_type ~ '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'`)
@Check('webhook_deliveries_state_check', `state IN ('pending', 'delivered', 'dead')`)
@Check('webhook_deliveries_attempts_check', 'attempts >= 0')
@Check('webhook_deliveries_last_status_check', 'last_status BETWEEN 100 AND 599')
@Check('webhook_deliveries_last_error_check', 'length(last_error) <= 200')
@Check('webhook_deliveries_check', `(state = 'pending') = (next_attempt_at IS NOT NULL)`)
@Check('webhook_deliveries_check1', `(state = 'delivered') = (delivered_at IS NOT NULL)`)
@Check('webhook_deliveries_check2', `(state = 'dead') = (dead_at IS NOT NULL)`)
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'webhook_deliveries_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => OutboxEventEntity, { name: 'webhook_deliveries_event_id_fkey' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  state!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt!: Date | null;
}
