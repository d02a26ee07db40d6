import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';

/** A district's own duration for a deadline source; the module's are the law's defaults. */
@Entity('deadline_settings')
@Check('deadline_settings_source_key_check', 'length(source_key) BETWEEN 1 AND 255')
@Check('deadline_settings_duration_check', `duration ~ '^P[0-9YMWDTHS]+$'`)
@Check('deadline_settings_warn_before_check', `warn_before ~ '^P[0-9YMWDTHS]+$'`)
@Check('deadline_settings_updated_by_subject_check', 'length(updated_by_subject) BETWEEN 1 AND 255')
export class DeadlineSettingEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'deadline_settings_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  @Column({ type: 'text' })
  duration!: string;

  @Column({ name: 'warn_before', type: 'text', nullable: true })
  warnBefore!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_subject', type: 'text' })
  updatedBySubject!: string;
}
