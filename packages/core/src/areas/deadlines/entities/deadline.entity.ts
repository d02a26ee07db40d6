import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { CaseEntity } from '../../cases/entities/case.entity';

/**
 * A legal deadline: the single source of truth. The sweep applies each warning and expiry once,
 * guarded by warned_at and expired_at.
 */
@Entity('deadlines')
@Unique('deadlines_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'deadlines_tenant_id_case_id_fkey' })
@Index('deadlines_case', ['tenantId', 'caseId', 'startedAt'])
@Index('deadlines_referral', ['tenantId', 'referralId'], { where: 'referral_id IS NOT NULL' })
@Index('deadlines_running_due', ['tenantId', 'dueAt'], { where: `state = 'running'` })
@Index('deadlines_running_warn', ['tenantId', 'warnAt'], { where: `state = 'running' AND warned_at IS NULL` })
@Check('deadlines_source_check', `source ~ '^[a-z][a-z0-9-]*(:[a-zA-Z0-9-]+)+$' AND length(source) <= 255`)
@Check('deadlines_setting_key_check', 'length(setting_key) <= 255')
@Check('deadlines_title_check', `jsonb_typeof(title) = 'object'`)
@Check('deadlines_duration_check', `duration ~ '^P[0-9YMWDTHS]+$'`)
@Check('deadlines_warn_before_check', `warn_before ~ '^P[0-9YMWDTHS]+$'`)
@Check('deadlines_on_expiry_check', `on_expiry IN ('notify', 'escalate')`)
@Check('deadlines_warn_targets_check', `jsonb_typeof(warn_targets) = 'array'`)
@Check('deadlines_expiry_targets_check', `jsonb_typeof(expiry_targets) = 'array'`)
@Check('deadlines_state_check', `state IN ('running', 'suspended', 'met', 'expired', 'cancelled')`)
@Check('deadlines_suspended_ms_check', 'suspended_ms >= 0')
@Check('deadlines_check', `(state = 'suspended') = (suspended_at IS NOT NULL)`)
@Check('deadlines_check1', `state <> 'expired' OR expired_at IS NOT NULL`)
@Check('deadlines_check2', `state NOT IN ('met', 'cancelled') OR stopped_at IS NOT NULL`)
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'deadlines_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  // No foreign key: referrals live in their own area.
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  // clock:<chain>:<caseType>:<clockId> or referral:<type>:<state>
  @Column({ type: 'text' })
  source!: string;

  // The tenant setting consulted when it started (deadline_settings.source_key).
  @Column({ name: 'setting_key', type: 'text', nullable: true })
  settingKey!: string | null;

  @Column({ type: 'jsonb' })
  title!: Record<string, string>;

  // What was applied: the tenant's setting or the module's default.
  @Column({ type: 'text' })
  duration!: string;

  @Column({ name: 'warn_before', type: 'text', nullable: true })
  warnBefore!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'warn_at', type: 'timestamptz', nullable: true })
  warnAt!: Date | null;

  @Column({ name: 'on_expiry', type: 'text' })
  onExpiry!: string;

  @Column({ name: 'warn_targets', type: 'jsonb', default: [] })
  warnTargets!: unknown[];

  @Column({ name: 'expiry_targets', type: 'jsonb', default: [] })
  expiryTargets!: unknown[];

  @Column({ name: 'notify_organisation_ids', type: 'uuid', array: true, default: [] })
  notifyOrganisationIds!: string[];

  @Column({ type: 'text', default: 'running' })
  state!: string;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  // Time spent suspended so far, already added to due_at and warn_at.
  @Column({ name: 'suspended_ms', type: 'bigint', default: 0 })
  suspendedMs!: string;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt!: Date | null;

  // When it was met or cancelled; for an expired deadline, when it was met late.
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
