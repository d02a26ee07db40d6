import type { MigrationClass } from '@ketenhuis/sdk';
import type { TablePrivileges } from '../roles';
import { MIGRATIONS_TABLE } from '../data-source';
import { CoreTenancy1764400000000 } from './1764400000000-core-tenancy';
import { CoreOutbox1764400001000 } from './1764400001000-core-outbox';
import { CorePartners1764400003000 } from './1764400003000-core-partners';
import { CorePersons1764400006000 } from './1764400006000-core-persons';
import { CoreCases1764400007000 } from './1764400007000-core-cases';
import { CoreIdentity1764400004000 } from './1764400004000-core-identity';
import { CoreAudit1764400005000 } from './1764400005000-core-audit';
import { CoreAuditQuery1764400008000 } from './1764400008000-core-audit-query';
import { CoreIdempotency1764400009000 } from './1764400009000-core-idempotency';
import { CoreCaseFields1764400010000 } from './1764400010000-core-case-fields';
import { CoreDeadlines1764400011000 } from './1764400011000-core-deadlines';
import { CoreNotifications1764400013000 } from './1764400013000-core-notifications';
import { CoreReferrals1764400012000 } from './1764400012000-core-referrals';
import { CoreWebhooks1764400014000 } from './1764400014000-core-webhooks';
import { CoreIdempotencyEncrypted1764400015000 } from './1764400015000-core-idempotency-encrypted';
import { CoreCaseList1764400016000 } from './1764400016000-core-case-list';
import { CoreIdentityChanges1764400016500 } from './1764400016500-core-identity-changes';
import { CoreCaseReferenceAtCommit1764400016800 } from './1764400016800-core-case-reference-at-commit';
import { CoreTimelineEnteredState1764400016900 } from './1764400016900-core-timeline-entered-state';
import { CoreOutboxNotify1764400017000 } from './1764400017000-core-outbox-notify';
import { CoreParticipationsNewestFirst1764400017500 } from './1764400017500-core-participations-newest-first';

export const coreMigrations: MigrationClass[] = [CoreTenancy1764400000000, CoreOutbox1764400001000, CorePartners1764400003000, CoreIdentity1764400004000, CoreAudit1764400005000, CorePersons1764400006000, CoreCases1764400007000, CoreAuditQuery1764400008000, CoreIdempotency1764400009000,
  CoreCaseFields1764400010000, CoreDeadlines1764400011000, CoreNotifications1764400013000, CoreReferrals1764400012000, CoreWebhooks1764400014000,
  CoreIdempotencyEncrypted1764400015000, CoreCaseList1764400016000, CoreIdentityChanges1764400016500,
  CoreCaseReferenceAtCommit1764400016800, CoreTimelineEnteredState1764400016900, CoreOutboxNotify1764400017000,
  CoreParticipationsNewestFirst1764400017500];

/** Where the application role gets less than read/write (see applyGrants). */
export const corePrivilegeExceptions: TablePrivileges[] = [
  { table: 'tenants', privileges: ['SELECT'] },
  // The app verifies tokens with public keys; private keys stay with the owner (the CLI signs).
  { table: 'auth_signing_keys', privileges: [], selectColumns: ['kid', 'alg', 'public_jwk', 'retired_at'] },
  { table: MIGRATIONS_TABLE, privileges: [] },
  // The API signs service-account tokens itself; it only ever adds keys (operators retire them).
  { table: 'service_token_keys', privileges: ['SELECT', 'INSERT'] },
  // Delivery records are only ever added; nothing rewrites history.
  { table: 'outbox_deliveries', privileges: ['SELECT', 'INSERT'] },
  // Append-only audit trail: the database sets id and occurred_at, the chainer sets the chain
  // columns (once; a trigger refuses the rest), and nothing is ever deleted.
  {
    table: 'audit_records', privileges: ['SELECT'],
    insertColumns: ['tenant_id', 'request_id', 'actor_subject', 'actor_user_id', 'acting_organisation_id', 'acting_function',
      'action', 'object_type', 'object_id', 'result', 'purpose', 'changed_fields'],
    updateColumns: ['seq', 'prev_hash', 'hash'],
  },
  // A case's history is only ever added to, at the time the database says; notes likewise.
  {
    table: 'case_timeline', privileges: ['SELECT'],
    insertColumns: ['tenant_id', 'case_id', 'kind', 'actor_subject', 'actor_organisation_id', 'data'],
  },
  { table: 'case_notes', privileges: ['SELECT', 'INSERT'] },
  { table: 'deadline_events', privileges: ['SELECT', 'INSERT'] },
  { table: 'referral_events', privileges: ['SELECT', 'INSERT'] },
  // A notification, once written, stays as written; read marks are only ever added.
  { table: 'notifications', privileges: ['SELECT', 'INSERT'] }, { table: 'notification_reads', privileges: ['SELECT', 'INSERT'] },
];
