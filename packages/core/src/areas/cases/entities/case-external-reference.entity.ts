import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { CaseEntity } from './case.entity';

/** A PV number (with its police zone) or notitienummer of a case: kept as typed, found by key. */
@Entity('case_external_references')
@Unique('case_external_references_unique', ['tenantId', 'caseId', 'kind', 'searchKey'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'case_external_references_tenant_id_case_id_fkey' })
@Index('case_external_references_one_notitienummer', ['tenantId', 'caseId'], { unique: true, where: `kind = 'notitienummer'` })
@Index('case_external_references_key', ['tenantId', 'searchKey'])
@Check('case_external_references_kind_check', `kind IN ('notitienummer', 'pv')`)
@Check('case_external_references_value_check', 'length(value) BETWEEN 1 AND 64')
@Check('case_external_references_search_key_check', 'length(search_key) BETWEEN 1 AND 64')
@Check('case_external_references_police_zone_code_check', `police_zone_code ~ '^[0-9]{4}$'`)
@Check('case_external_references_check', `(kind = 'pv') = (police_zone_code IS NOT NULL)`)
export class CaseExternalReferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_external_references_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'search_key', type: 'text' })
  searchKey!: string;

  @Column({ name: 'police_zone_code', type: 'text', nullable: true })
  policeZoneCode!: string | null;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
