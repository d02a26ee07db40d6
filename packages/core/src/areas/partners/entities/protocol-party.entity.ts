import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from './organisation.entity';
import { ProtocolEntity } from './protocol.entity';

/** A signatory of a protocol. */
@Entity('protocol_parties')
@ForeignKey(() => ProtocolEntity, ['tenantId', 'protocolId'], ['tenantId', 'id'], { name: 'protocol_parties_tenant_id_protocol_id_fkey', onDelete: 'CASCADE' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'protocol_parties_tenant_id_organisation_id_fkey' })
@Index('protocol_parties_organisation', ['tenantId', 'organisationId'])
export class ProtocolPartyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'protocol_parties_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'protocol_id', type: 'uuid' })
  protocolId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'smallint' })
  position!: number;
}
