import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';

/** A partner system's account: it acts for an organisation with one function. */
@Entity('service_accounts')
@Unique('service_accounts_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'service_accounts_tenant_id_organisation_id_fkey' })
// UNIQUE (tenant_id, lower(name)): TypeORM cannot declare an index on an expression.
@Index('service_accounts_tenant_name', { synchronize: false })
@Index('service_accounts_tenant_organisation', ['tenantId', 'organisationId'])
@Check('service_accounts_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('service_accounts_function_check', `function ~ '^[a-z][a-z-]{0,63}$'`)
export class ServiceAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'service_accounts_tenant_id_fkey' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  function!: string;

  // A hash of the client secret: the secret itself is never stored.
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ name: 'secret_rotated_at', type: 'timestamptz', default: () => 'now()' })
  secretRotatedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
