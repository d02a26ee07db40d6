import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';
import { CaseEntity } from './case.entity';

/** An organisation taking part in a case, which is what lets it see the case. */
@Entity('case_participants')
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'case_participants_tenant_id_case_id_fkey' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'case_participants_tenant_id_organisation_id_fkey' })
@Index('case_participants_organisation', ['tenantId', 'organisationId', 'caseId'])
@Index('case_participants_organisation_newest', ['tenantId', 'organisationId', 'caseRegisteredAt', 'caseId'])
@Check('case_participants_function_check', `function ~ '^[a-z][a-z-]{0,63}$'`)
@Check('case_participants_role_check', `role ~ '^[a-z][a-z0-9-]{0,62}$'`)
export class CaseParticipantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_participants_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @PrimaryColumn({ type: 'text' })
  function!: string;

  @PrimaryColumn({ type: 'text' })
  role!: string;

  @Column({ name: 'added_by_subject', type: 'text' })
  addedBySubject!: string;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;

  // The case's registration time, set by a trigger from the case on insert: an organisation's
  // case list walks its participations newest first (migration 1764400017500).
  @Column({ name: 'case_registered_at', type: 'timestamptz' })
  caseRegisteredAt!: Date;
}
