import { CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** One row per (event, handler): the primary key makes a redelivered event a no-op. */
@Entity('outbox_deliveries')
export class OutboxDeliveryEntity {
  // Kernel entities name the tables they reference: they import nothing but TypeORM.
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('tenants', { name: 'outbox_deliveries_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  @ForeignKey('outbox_events', { name: 'outbox_deliveries_event_id_fkey' })
  eventId!: string;

  @PrimaryColumn({ type: 'text' })
  handler!: string;

  @CreateDateColumn({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt!: Date;
}
