import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';

/**
 * The last reference number per tenant, chain and year, updated in the registering transaction:
 * the row lock orders registrations and a rollback gives the number back, so numbers have no gaps.
 */
@Entity('case_reference_counters')
@Check('case_reference_counters_chain_check', `chain ~ '^[a-z][a-z0-9-]{0,19}$'`)
@Check('case_reference_counters_year_check', 'year BETWEEN 2000 AND 9999')
@Check('case_reference_counters_last_number_check', 'last_number >= 1')
export class CaseReferenceCounterEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_reference_counters_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  chain!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber!: number;
}
