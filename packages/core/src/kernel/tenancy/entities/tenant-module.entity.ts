import { CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

@Entity('tenant_modules')
export class TenantModuleEntity {
  // Kernel entities name the tables they reference: they import nothing but TypeORM.
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('tenants', { name: 'tenant_modules_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'module_id', type: 'text' })
  moduleId!: string;

  @CreateDateColumn({ name: 'enabled_at', type: 'timestamptz' })
  enabledAt!: Date;
}
