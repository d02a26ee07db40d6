import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { PersonEntity } from '../../persons/entities/person.entity';
import { CaseEntity } from './case.entity';

/** A person in a case, in one role. */
@Entity('case_subjects')
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'case_subjects_tenant_id_case_id_fkey' })
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'], { name: 'case_subjects_tenant_id_person_id_fkey' })
@Index('case_subjects_person', ['tenantId', 'personId'])
@Check('case_subjects_role_check', `role IN ('verdachte', 'slachtoffer', 'minderjarige', 'ouder-voogd', 'getuige', 'betrokkene')`)
export class CaseSubjectEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_subjects_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @PrimaryColumn({ type: 'text' })
  role!: string;

  @Column({ name: 'added_by_subject', type: 'text' })
  addedBySubject!: string;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
