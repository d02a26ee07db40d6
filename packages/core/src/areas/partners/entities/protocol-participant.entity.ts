import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../kernel/tenancy/entities';
import { OrganisationEntity } from './organisation.entity';
import { ProtocolEntity } from './protocol.entity';

/** Who may take part in a protocol's consultations: an organisation and a function. */
@Entity('protocol_participants')
@ForeignKey(() => ProtocolEntity, ['tenantId', 'protocolId'], ['tenantId', 'id'], { name: 'protocol_participants_tenant_id_protocol_id_fkey', onDelete: 'CASCADE' })
@ForeignKey(() => OrganisationEntity, ['tenantId', 'organisationId'], ['tenantId', 'id'], { name: 'protocol_participants_tenant_id_organisation_id_fkey' })
@Index('protocol_participants_organisation', ['tenantId', 'organisationId'])
@Check('protocol_participants_function_check', `function ~ '^[a-z][a-z0-9-]{0,62}$'`)
export class ProtocolParticipantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'protocol_participants_tenant_id_fkey' })
  tenantId!: string;

  @PrimaryColumn({ name: 'protocol_id', type: 'uuid' })
  protocolId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @PrimaryColumn({ type: 'text' })
  function!: string;

  @Column({ type: 'smallint' })
  position!: number;
}
