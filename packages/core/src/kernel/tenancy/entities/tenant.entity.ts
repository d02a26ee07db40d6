import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A district. Platform-wide: no tenant_id, no row-level security. */
@Entity('tenants')
@Unique('tenants_slug_key', ['slug'])
@Unique('tenants_oidc_issuer_key', ['oidcIssuer'])
@Check('tenants_slug_check', `slug ~ '^[a-z][a-z0-9-]{1,39}$'`)
@Check('tenants_name_check', 'length(name) BETWEEN 1 AND 200')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'oidc_issuer', type: 'text', nullable: true })
  oidcIssuer!: string | null;

  @Column({ name: 'oidc_audience', type: 'text', nullable: true })
  oidcAudience!: string | null;

  @Column({ name: 'oidc_algorithms', type: 'text', array: true, default: ['RS256'] })
  oidcAlgorithms!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
