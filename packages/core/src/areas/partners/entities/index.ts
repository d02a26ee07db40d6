import { OrganisationEntity } from './organisation.entity';
import { ProtocolParticipantEntity } from './protocol-participant.entity';
import { ProtocolPartyEntity } from './protocol-party.entity';
import { ProtocolEntity } from './protocol.entity';

export { OrganisationEntity, ProtocolEntity, ProtocolParticipantEntity, ProtocolPartyEntity };

export const partnersEntities: Function[] = [OrganisationEntity, ProtocolEntity, ProtocolParticipantEntity, ProtocolPartyEntity];
