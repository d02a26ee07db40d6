import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from './organisation.entity';

/** A 458ter protocol: the recorded legal basis of case consultations. */
@Entity('protocols')
@Unique('protocols_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => OrganisationEntity, ['tenantId', 'chairOrganisationId'], ['tenantId', 'id'], { name: 'protocols_tenant_id_chair_organisation_id_fkey' })
@Index('protocols_tenant_created', ['tenantId', 'createdAt', 'id'])
@Check('protocols_title_check', 'length(title) BETWEEN 1 AND 200')
@Check('protocols_legal_basis_type_check', `legal_basis_type IN ('wet-of-decreet', 'gemotiveerde-machtiging-procureur')`)
@Check('protocols_legal_basis_reference_check', 'length(legal_basis_reference) BETWEEN 1 AND 500')
@Check('protocols_purpose_check', `purpose ~ '^[a-z][a-z0-9-]{0,62}$'`)
@Check('protocols_purpose_description_check', 'length(purpose_description) BETWEEN 1 AND 2000')
@Check('protocols_frequency_check', 'length(frequency) BETWEEN 1 AND 200')
@Check('protocols_retention_period_check', `retention_period ~ '^P'`)
@Check('protocols_check', 'valid_until >= valid_from')
@Check('protocols_chains_check', 'ketenhuis_module_ids_valid(chains)')
export class ProtocolEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'protocols_tenant_id_fkey' })
  tenantId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'legal_basis_type', type: 'text' })
  legalBasisType!: string;

  @Column({ name: 'legal_basis_reference', type: 'text' })
  legalBasisReference!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'purpose_description', type: 'text' })
  purposeDescription!: string;

  @Column({ name: 'chair_organisation_id', type: 'uuid' })
  chairOrganisationId!: string;

  @Column({ type: 'text' })
  frequency!: string;

  @Column({ type: 'boolean' })
  minutes!: boolean;

  @Column({ name: 'retention_period', type: 'text' })
  retentionPeriod!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ type: 'text', array: true, default: [] })
  chains!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
