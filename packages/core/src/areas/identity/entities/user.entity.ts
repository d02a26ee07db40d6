import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';

@Entity('users')
@Unique('users_tenant_id_id_key', ['tenantId', 'id'])
@Unique('users_tenant_subject', ['tenantId', 'subject'])
// UNIQUE (tenant_id, lower(email)): TypeORM cannot declare an index on an expression.
@Index('users_tenant_email', { synchronize: false })
@Check('users_subject_check', 'length(subject) BETWEEN 1 AND 255')
@Check('users_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('users_email_check', 'length(email) BETWEEN 3 AND 254')
@Check('users_status_check', `status IN ('active', 'disabled')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'users_tenant_id_fkey' })
  tenantId!: string;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', default: 'active' })
  status!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
