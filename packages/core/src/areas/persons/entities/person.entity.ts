import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';

@Entity('persons')
@Unique('persons_tenant_id_id_key', ['tenantId', 'id'])
@Unique('persons_tenant_id_national_number_index_key', ['tenantId', 'nationalNumberIndex'])
// GIN with the gin_trgm_ops operator class: TypeORM cannot declare an operator class.
@Index('persons_search_name', { synchronize: false })
@Index('persons_tenant_name', ['tenantId', 'lastName', 'firstName'])
@Check('persons_first_name_check', 'length(first_name) BETWEEN 1 AND 100')
@Check('persons_last_name_check', 'length(last_name) BETWEEN 1 AND 100')
@Check('persons_sex_check', `sex IN ('M', 'F', 'X')`)
@Check('persons_national_number_kind_check', `national_number_kind IN ('rrn', 'bis')`)
@Check('persons_check', '(national_number_ciphertext IS NULL) = (national_number_index IS NULL)')
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'persons_tenant_id_fkey' })
  tenantId!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'text', nullable: true })
  sex!: string | null;

  // Encrypted (AES-256-GCM, bound to the tenant): the database never holds the number readable.
  @Column({ name: 'national_number_ciphertext', type: 'text', nullable: true })
  nationalNumberCiphertext!: string | null;

  // A keyed hash of the number: finds a person by it without decrypting.
  @Column({ name: 'national_number_index', type: 'text', nullable: true })
  nationalNumberIndex!: string | null;

  @Column({ name: 'national_number_kind', type: 'text', nullable: true })
  nationalNumberKind!: string | null;

  // The expression as Postgres prints it, which is what the schema builder compares.
  @Column({
    name: 'search_name', type: 'text', nullable: true, insert: false, update: false,
    generatedType: 'STORED', asExpression: `lower(((first_name || ' '::text) || last_name))`,
  })
  searchName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
