import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The first response to a creating POST, replayed to a retry with the same key and body. */
@Entity('idempotency_keys')
@Index('idempotency_keys_age', ['tenantId', 'createdAt'])
@Check('idempotency_keys_key_check', 'length(key) BETWEEN 1 AND 200')
export class IdempotencyKeyEntity {
  // Kernel entities name the tables they reference: they import nothing but TypeORM.
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('tenants', { name: 'idempotency_keys_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'actor_subject', type: 'text' })
  actorSubject!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  // Encrypted with the tenant-bound field cipher: a response can hold what its own table keeps encrypted.
  @Column({ name: 'response_body_encrypted', type: 'text', nullable: true })
  responseBodyEncrypted!: string | null;

  @Column({ name: 'response_headers', type: 'jsonb', default: {} })
  responseHeaders!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
