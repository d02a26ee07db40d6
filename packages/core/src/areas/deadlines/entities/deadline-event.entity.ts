import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { DeadlineEntity } from './deadline.entity';

/** A suspension, resumption or extension of a deadline, with who and why; only ever added. */
@Entity('deadline_events')
@Unique('deadline_events_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => DeadlineEntity, ['tenantId', 'deadlineId'], ['tenantId', 'id'], { name: 'deadline_events_tenant_id_deadline_id_fkey' })
@Index('deadline_events_deadline', ['tenantId', 'deadlineId', 'at', 'id'])
@Check('deadline_events_kind_check', `kind IN ('suspended', 'resumed', 'extended')`)
@Check('deadline_events_reason_check', 'length(reason) BETWEEN 1 AND 2000')
@Check('deadline_events_actor_subject_check', 'length(actor_subject) BETWEEN 1 AND 255')
@Check('deadline_events_data_check', `jsonb_typeof(data) = 'object'`)
export class DeadlineEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'deadline_events_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  // Codes and instants only (due dates before and after, time paused).
  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;
}
