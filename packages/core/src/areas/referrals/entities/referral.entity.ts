import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { CaseEntity } from '../../cases/entities/case.entity';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';

const STATES = `('sent', 'received', 'accepted', 'refused', 'started', 'completed', 'failed')`;

/** A referral from a case to a partner organisation, with the moment it reached every state. */
@Entity('referrals')
@Unique('referrals_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'referrals_tenant_id_case_id_fkey' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'sendingOrganisationId'], ['tenantId', 'id'], { name: 'referrals_tenant_id_sending_organisation_id_fkey' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'receivingOrganisationId'], ['tenantId', 'id'], { name: 'referrals_tenant_id_receiving_organisation_id_fkey' })
// (…, sent_at DESC, id DESC): TypeORM cannot declare the order of an index's keys.
@Index('referrals_received', { synchronize: false })
@Index('referrals_sent', { synchronize: false })
@Index('referrals_case', ['tenantId', 'caseId'])
@Check('referrals_chain_check', `chain ~ '^[a-z][a-z0-9-]{0,19}$'`)
@Check('referrals_type_check', `type ~ '^[a-z][a-z0-9-]{0,62}$'`)
@Check('referrals_sending_subject_check', 'length(sending_subject) BETWEEN 1 AND 255')
@Check('referrals_state_check', `state IN ${STATES}`)
@Check('referrals_reason_check', 'length(reason) BETWEEN 1 AND 2000')
@Check('referrals_version_check', 'version >= 1')
@Check('referrals_check', `(reason IS NOT NULL) = (state IN ('refused', 'failed'))`)
@Check('referrals_check1', `CASE state
  WHEN 'sent' THEN true
  WHEN 'received' THEN received_at IS NOT NULL
  WHEN 'accepted' THEN received_at IS NOT NULL AND accepted_at IS NOT NULL
  WHEN 'refused' THEN received_at IS NOT NULL AND refused_at IS NOT NULL
  WHEN 'started' THEN accepted_at IS NOT NULL AND started_at IS NOT NULL
  WHEN 'completed' THEN started_at IS NOT NULL AND completed_at IS NOT NULL
  WHEN 'failed' THEN started_at IS NOT NULL AND failed_at IS NOT NULL
END`)
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'referrals_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  chain!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'sending_organisation_id', type: 'uuid', nullable: true })
  sendingOrganisationId!: string | null;

  @Column({ name: 'sending_subject', type: 'text' })
  sendingSubject!: string;

  @Column({ name: 'receiving_organisation_id', type: 'uuid' })
  receivingOrganisationId!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'refused_at', type: 'timestamptz', nullable: true })
  refusedAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
