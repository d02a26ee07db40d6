import { AuthSigningKeyEntity } from './auth-signing-key.entity';
import { ServiceTokenKeyEntity } from './service-token-key.entity';

export { AuthSigningKeyEntity, ServiceTokenKeyEntity };

export const authEntities: Function[] = [AuthSigningKeyEntity, ServiceTokenKeyEntity];
