import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The append-only, hash-chained audit trail. Actors and objects are text without foreign keys: a
 * record must outlive what it mentions.
 */
@Entity('audit_records')
@Unique('audit_records_tenant_seq', ['tenantId', 'seq'])
@Index('audit_records_unchained', ['tenantId', 'id'], { where: 'hash IS NULL' })
@Index('audit_records_object', ['tenantId', 'objectType', 'objectId', 'occurredAt'])
@Index('audit_records_tenant_id', ['tenantId', 'id'])
@Index('audit_records_actor', ['tenantId', 'actorSubject', 'id'])
@Check('audit_records_request_id_check', `request_id <> ''`)
@Check('audit_records_actor_subject_check', `actor_subject <> ''`)
@Check('audit_records_action_check', `action <> ''`)
@Check('audit_records_result_check', `result IN ('allowed', 'denied', 'not-found', 'invalid', 'error')`)
@Check('audit_records_purpose_check', `purpose IN ('casework', 'case-consultation', 'statistics', 'administration')`)
@Check('audit_records_chain_fields', `(seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
  OR (seq >= 1 AND prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$')`)
export class AuditRecordEntity {
  // GENERATED ALWAYS: the chainer takes unchained records in this order, and nobody chooses it.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  // Kernel entities name the tables they reference: they import nothing but TypeORM.
  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('tenants', { name: 'audit_records_tenant_id_fkey' })
  tenantId!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @Column({ name: 'actor_user_id', type: 'text', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'acting_organisation_id', type: 'text', nullable: true })
  actingOrganisationId!: string | null;

  @Column({ name: 'acting_function', type: 'text', nullable: true })
  actingFunction!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'object_type', type: 'text', nullable: true })
  objectType!: string | null;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId!: string | null;

  @Column({ type: 'text' })
  result!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'changed_fields', type: 'text', array: true, nullable: true })
  changedFields!: string[] | null;

  // The chain columns: set once by the chainer (a trigger refuses any other change).
  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text', nullable: true })
  hash!: string | null;
}
