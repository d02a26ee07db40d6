import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { CaseEntity } from './case.entity';

/** A symmetric link between two cases: one row per pair, the smaller id first. */
@Entity('case_links')
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'case_links_tenant_id_case_id_fkey' })
@ForeignKey(() => CaseEntity, ['tenantId', 'otherCaseId'], ['tenantId', 'id'], { name: 'case_links_tenant_id_other_case_id_fkey' })
@Index('case_links_other', ['tenantId', 'otherCaseId'])
@Check('case_links_kind_check', `kind IN ('samengevoegd', 'zelfde-gezin', 'gerelateerd')`)
@Check('case_links_check', 'case_id < other_case_id')
export class CaseLinkEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_links_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'other_case_id', type: 'uuid' })
  otherCaseId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: string;

  @Column({ name: 'created_by_subject', type: 'text' })
  createdBySubject!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
