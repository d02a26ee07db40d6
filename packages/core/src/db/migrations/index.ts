import type { MigrationClass } from '@ketenhuis/sdk';
import type { TablePrivileges } from '../roles';
import { MIGRATIONS_TABLE } from '../data-source';
import { CoreTenancy1764400000000 } from './1764400000000-core-tenancy';
import { CoreOutbox1764400001000 } from './1764400001000-core-outbox';

export const coreMigrations: MigrationClass[] = [CoreTenancy1764400000000, CoreOutbox1764400001000];

/** Where the application role gets less than read/write (see applyGrants). */
export const corePrivilegeExceptions: TablePrivileges[] = [
  { table: 'tenants', privileges: ['SELECT'] },
  // The app verifies tokens with public keys; private keys stay with the owner (the CLI signs).
  { table: 'auth_signing_keys', privileges: [], selectColumns: ['kid', 'alg', 'public_jwk', 'retired_at'] },
  { table: MIGRATIONS_TABLE, privileges: [] },
  // Delivery records are only ever added; nothing rewrites history.
  { table: 'outbox_deliveries', privileges: ['SELECT', 'INSERT'] },
];
