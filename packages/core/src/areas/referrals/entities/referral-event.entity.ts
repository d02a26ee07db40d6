import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from '../../partners/entities/organisation.entity';
import { ReferralEntity } from './referral.entity';

const STATES = `('sent', 'received', 'accepted', 'refused', 'started', 'completed', 'failed')`;

/** A step of a referral, with its free text (note, reason, feedback); only ever added. */
@Entity('referral_events')
@Unique('referral_events_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => ReferralEntity, ['tenantId', 'referralId'], ['tenantId', 'id'], { name: 'referral_events_tenant_id_referral_id_fkey' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'actorOrganisationId'], ['tenantId', 'id'], { name: 'referral_events_tenant_id_actor_organisation_id_fkey' })
@Index('referral_events_referral', ['tenantId', 'referralId', 'recordedAt', 'id'])
@Check('referral_events_action_check', `action IN ('send', 'receive', 'accept', 'refuse', 'start', 'complete', 'fail')`)
@Check('referral_events_from_state_check', `from_state IN ${STATES}`)
@Check('referral_events_to_state_check', `to_state IN ${STATES}`)
@Check('referral_events_actor_subject_check', 'length(actor_subject) BETWEEN 1 AND 255')
@Check('referral_events_note_check', 'length(note) BETWEEN 1 AND 4000')
@Check('referral_events_reason_check', 'length(reason) BETWEEN 1 AND 2000')
@Check('referral_events_feedback_check', 'length(feedback) BETWEEN 1 AND 4000')
@Check('referral_events_check', `(from_state IS NULL) = (action = 'send')`)
@Check('referral_events_check1', `note IS NULL OR action = 'send'`)
@Check('referral_events_check2', `(reason IS NOT NULL) = (action IN ('refuse', 'fail'))`)
export class ReferralEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'referral_events_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'text' })
  toState!: string;

  // The platform clock's, matching the referral's state times.
  @Column({ type: 'timestamptz' })
  at!: Date;

  // The database's, which orders the steps.
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt!: Date;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  feedback!: string | null;
}
