import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';
import { CaseReferenceCounterEntity } from './case-reference-counter.entity';

@Entity('cases')
@Unique('cases_tenant_id_id_key', ['tenantId', 'id'])
@Unique('cases_tenant_reference', ['tenantId', 'reference'])
@Unique('cases_tenant_chain_number', ['tenantId', 'chain', 'referenceYear', 'referenceNumber'])
@ForeignKey(() => CaseReferenceCounterEntity, ['tenantId', 'chain', 'referenceYear'], ['tenantId', 'chain', 'year'], { name: 'cases_tenant_id_chain_reference_year_fkey' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'registeredByOrganisationId'], ['tenantId', 'id'], { name: 'cases_tenant_id_registered_by_organisation_id_fkey' })
@Index('cases_tenant_registered', ['tenantId', 'registeredAt', 'id'])
@Index('cases_tenant_reference_key', ['tenantId', 'referenceKey'])
// The case list's starting points (case-list.ts): a parket's chains, and an actor without organisation.
@Index('cases_tenant_chain_registered', ['tenantId', 'chain', 'registeredAt', 'id'])
@Index('cases_registered_without_organisation', ['tenantId', 'registeredBySubject', 'registeredAt', 'id'], { where: 'registered_by_organisation_id IS NULL' })
@Check('cases_chain_check', `chain ~ '^[a-z][a-z0-9-]{0,19}$'`)
@Check('cases_case_type_check', `case_type ~ '^[a-z][a-z0-9-]*$' AND length(case_type) <= 100`)
@Check('cases_state_check', 'length(state) BETWEEN 1 AND 100')
@Check('cases_confidentiality_check', `confidentiality IN ('normaal', 'vertrouwelijk', 'strikt-vertrouwelijk')`)
@Check('cases_reference_number_check', 'reference_number >= 1')
@Check('cases_reference_check', `reference ~ '^[A-Z][A-Z0-9-]*-[0-9]{4}-[0-9]{6,}$'`)
@Check('cases_registered_by_subject_check', 'length(registered_by_subject) BETWEEN 1 AND 255')
@Check('cases_version_check', 'version >= 1')
@Check('cases_fields_check', `jsonb_typeof(fields) = 'object'`)
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'cases_tenant_id_fkey' })
  tenantId!: string;

  @Column({ type: 'text' })
  chain!: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text', default: 'normaal' })
  confidentiality!: string;

  // Written by the registration's last statement; a deferred check refuses to commit a case
  // without them (ADR 0013), so they are NULL only inside a registering transaction.
  @Column({ name: 'reference_year', type: 'integer', nullable: true })
  referenceYear!: number;

  @Column({ name: 'reference_number', type: 'integer', nullable: true })
  referenceNumber!: number;

  @Column({ type: 'text', nullable: true })
  reference!: string;

  // The reference without dashes, to find it however it is typed; the expression as Postgres
  // prints it, which is what the schema builder compares.
  @Column({
    name: 'reference_key', type: 'text', nullable: true, insert: false, update: false,
    generatedType: 'STORED', asExpression: `replace(reference, '-'::text, ''::text)`,
  })
  referenceKey!: string | null;

  @Column({ name: 'registered_by_subject', type: 'text' })
  registeredBySubject!: string;

  @Column({ name: 'registered_by_organisation_id', type: 'uuid', nullable: true })
  registeredByOrganisationId!: string | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  // The fields the chain declares for the case type, validated against that declaration.
  @Column({ type: 'jsonb', default: {} })
  fields!: Record<string, unknown>;
}
