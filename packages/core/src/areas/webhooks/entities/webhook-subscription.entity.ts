import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';

/** An organisation's subscription to event types. */
@Entity('webhook_subscriptions')
@Unique('webhook_subscriptions_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'webhook_subscriptions_tenant_id_organisation_id_fkey' })
@Index('webhook_subscriptions_organisation', ['tenantId', 'organisationId', 'createdAt', 'id'])
@Check('webhook_subscriptions_url_check', `url ~ '^https?://' AND length(url) <= 2000`)
@Check('webhook_subscriptions_event_types_check', 'cardinality(event_types) BETWEEN 1 AND 50')
@Check('webhook_subscriptions_created_by_subject_check', 'length(created_by_subject) BETWEEN 1 AND 255')
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'webhook_subscriptions_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  // Encrypted with the tenant-bound field cipher: signing needs the secret in clear, so a hash would not do.
  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_by_subject', type: 'text' })
  createdBySubject!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
