import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';

/** A tenant's adjustment of a function's default grant of one permission. */
@Entity('function_grants')
@Check('function_grants_function_check', `function ~ '^[a-z][a-z-]{0,63}$'`)
@Check('function_grants_permission_check', 'length(permission) BETWEEN 1 AND 200')
export class FunctionGrantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'function_grants_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  function!: string;

  @PrimaryColumn({ type: 'text' })
  permission!: string;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
