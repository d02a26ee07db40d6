import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { CaseEntity } from '../../cases/entities/case.entity';
import { UserEntity } from '../../identity/entities/user.entity';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';

/**
 * A notification for an organisation (optionally only its users of one function) or one user.
 * It carries codes and ids, never case content.
 */
@Entity('notifications')
@Unique('notifications_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'notifications_tenant_id_organisation_id_fkey' })
@ForeignKey(() => UserEntity, ['tenantId', 'userId'], ['tenantId', 'id'], { name: 'notifications_tenant_id_user_id_fkey' })
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'notifications_tenant_id_case_id_fkey' })
// (…, created_at DESC, id): TypeORM cannot declare the order of an index's keys.
@Index('notifications_recipient', { synchronize: false })
@Index('notifications_user', { synchronize: false })
@Check('notifications_kind_check', `kind ~ '^[a-z][a-z0-9-]{0,62}$'`)
@Check('notifications_function_check', `function ~ '^[a-z][a-z-]{0,63}$'`)
@Check('notifications_title_check', `jsonb_typeof(title) = 'object' AND title ? 'nl'`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'notifications_tenant_id_fkey' })
  tenantId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text', nullable: true })
  function!: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'deadline_id', type: 'uuid', nullable: true })
  deadlineId!: string | null;

  @Column({ type: 'jsonb' })
  title!: Record<string, string>;

  // clock_timestamp(), not now(): several written in one transaction keep their order.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
