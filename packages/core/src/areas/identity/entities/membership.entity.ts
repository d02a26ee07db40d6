import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';
import { UserEntity } from './user.entity';

/** A user's membership of a partner organisation, with the function held there. */
@Entity('memberships')
@Unique('memberships_one_per_organisation', ['tenantId', 'userId', 'organisationId'])
@ForeignKey(() => UserEntity, ['tenantId', 'userId'], ['tenantId', 'id'], { name: 'memberships_tenant_id_user_id_fkey', onDelete: 'CASCADE' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'memberships_tenant_id_organisation_id_fkey' })
@Index('memberships_tenant_organisation', ['tenantId', 'organisationId'])
@Check('memberships_function_check', `function ~ '^[a-z][a-z-]{0,63}$'`)
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'memberships_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  function!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
