import { casesEntities } from './areas/cases/entities';
import { deadlinesEntities } from './areas/deadlines/entities';
import { identityEntities } from './areas/identity/entities';
import { notificationsEntities } from './areas/notifications/entities';
import { partnersEntities } from './areas/partners/entities';
import { personsEntities } from './areas/persons/entities';
import { referralsEntities } from './areas/referrals/entities';
import { webhooksEntities } from './areas/webhooks/entities';
import { auditEntities } from './kernel/audit/entities';
import { authEntities } from './kernel/auth/entities';
import { httpEntities } from './kernel/http/entities';
import { outboxEntities } from './kernel/outbox/entities';
import { tenancyEntities } from './kernel/tenancy/entities';

/** One TypeORM entity per table of core's migrations: the kernel's, then the areas'. */
export const coreEntities: Function[] = [
  ...tenancyEntities, ...authEntities, ...outboxEntities, ...auditEntities, ...httpEntities,
  ...partnersEntities, ...identityEntities, ...personsEntities, ...casesEntities, ...deadlinesEntities, ...referralsEntities,
  ...notificationsEntities, ...webhooksEntities,
];
