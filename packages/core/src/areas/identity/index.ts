export { FUNCTIONS, functionById, isFunction, type FunctionDefinition } from './functions';
export { ActorResolver, ACTING_ORGANISATION_HEADER } from './actor-resolver';
export { ServiceTokenIssuer, SERVICE_ISSUER, SERVICE_TOKEN_TTL_SECONDS, serviceAccountSubject } from '../../kernel/auth/service-token-issuer';
export { createUser, findUserByEmail, getUser, listUsers, addMembership, updateUser, type User, type Membership, type UserInput } from './users';
export { clientIdOf, parseClientId, type ServiceAccount } from './service-accounts';
export { effectivePermissions, permissionsOfFunction } from './permissions';
export { identityRoutes } from './routes';
export { tokenEndpoint } from './token-endpoint';
