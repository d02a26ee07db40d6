import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { CaseEntity } from './case.entity';

/** The expression of `entered_state` exactly as PostgreSQL prints it back, which TypeORM compares. */
const ENTERED_STATE = `CASE kind
    WHEN 'transitioned'::text THEN (data ->> 'to'::text)
    WHEN 'registered'::text THEN (data ->> 'state'::text)
    ELSE NULL::text
END`;

/**
 * What happened to a case, in order: codes and ids, never free text. Append-only (a trigger
 * refuses updates and deletes).
 */
@Entity('case_timeline')
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'], { name: 'case_timeline_tenant_id_case_id_fkey' })
@Index('case_timeline_case', ['tenantId', 'caseId', 'at', 'id'])
// Partial and with INCLUDE (case_id), which the decorator cannot say: the migration owns it.
@Index('case_timeline_entered', { synchronize: false })
@Check('case_timeline_kind_check', `kind ~ '^[a-z][a-z0-9-]{0,62}$'`)
@Check('case_timeline_actor_subject_check', 'length(actor_subject) BETWEEN 1 AND 255')
@Check('case_timeline_data_check', `jsonb_typeof(data) = 'object'`)
export class CaseTimelineEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'case_timeline_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  // Set by the database, so nobody back-dates an entry; clock_timestamp() keeps the order within a transaction.
  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  // The state the entry brought its case into, a plain column so that reports find entries by
  // index under row-level security (migration 1764400016900).
  @Column({
    name: 'entered_state', type: 'text', nullable: true, insert: false, update: false,
    generatedType: 'STORED', asExpression: ENTERED_STATE,
  })
  enteredState!: string | null;
}
