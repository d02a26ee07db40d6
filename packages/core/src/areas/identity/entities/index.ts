import { FunctionGrantEntity } from './function-grant.entity';
import { MembershipEntity } from './membership.entity';
import { ServiceAccountEntity } from './service-account.entity';
import { UserEntity } from './user.entity';

export { FunctionGrantEntity, MembershipEntity, ServiceAccountEntity, UserEntity };

export const identityEntities: Function[] = [UserEntity, MembershipEntity, FunctionGrantEntity, ServiceAccountEntity];
