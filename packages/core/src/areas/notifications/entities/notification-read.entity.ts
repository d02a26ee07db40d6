import { Check, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { NotificationEntity } from './notification.entity';

/** A user's read mark: an organisation's notification is read by each of its users separately. */
@Entity('notification_reads')
@ForeignKey(() => NotificationEntity, ['tenantId', 'notificationId'], ['tenantId', 'id'], { name: 'notification_reads_tenant_id_notification_id_fkey' })
@Check('notification_reads_subject_check', 'length(subject) BETWEEN 1 AND 255')
export class NotificationReadEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'notification_reads_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @CreateDateColumn({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;
}
