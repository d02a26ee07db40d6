import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';

/** A partner organisation of a district; tables inside a tenant reference it with (tenant_id, id). */
@Entity('organisations')
@Unique('organisations_tenant_id_id_key', ['tenantId', 'id'])
@ForeignKey(() => OrganisationEntity, ['tenantId', 'mergedIntoId'], ['tenantId', 'id'], { name: 'organisations_tenant_id_merged_into_id_fkey' })
@Index('organisations_tenant_name', ['tenantId', 'name', 'id'])
@Index('organisations_tenant_kbo', ['tenantId', 'kbo'], { unique: true, where: 'kbo IS NOT NULL' })
@Index('organisations_tenant_police_zone', ['tenantId', 'policeZoneCode'], { unique: true, where: 'police_zone_code IS NOT NULL' })
@Check('organisations_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('organisations_type_check', `type ~ '^[a-z][a-z0-9-]{0,62}$'`)
@Check('organisations_kbo_check', `kbo ~ '^[01][0-9]{9}$'`)
@Check('organisations_police_zone_code_check', `police_zone_code ~ '^[0-9]{4}$'`)
@Check('organisations_chains_check', 'ketenhuis_module_ids_valid(chains)')
@Check('organisations_check', 'merged_into_id IS DISTINCT FROM id')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'organisations_tenant_id_fkey' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  kbo!: string | null;

  @Column({ name: 'police_zone_code', type: 'text', nullable: true })
  policeZoneCode!: string | null;

  @Column({ name: 'professional_secrecy', type: 'boolean', default: false })
  professionalSecrecy!: boolean;

  @Column({ type: 'text', array: true, default: [] })
  chains!: string[];

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
