import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';
import { CaseEntity } from './case.entity';

@Entity('case_notes')
@Unique('case_notes_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'case_notes_tenant_id_case_id_fkey' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'authorOrganisationId'], ['tenantId', 'id'], { name: 'case_notes_tenant_id_author_organisation_id_fkey' })
@Index('case_notes_case', ['tenantId', 'caseId', 'createdAt'])
@Check('case_notes_text_check', 'length(text) BETWEEN 1 AND 10000')
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_notes_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'author_subject', type: 'text' })
  authorSubject!: string;

  @Column({ name: 'author_organisation_id', type: 'uuid', nullable: true })
  authorOrganisationId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
