import type { District } from './district';
import type { Operation } from './openapi-operations';

/**
 * The real value of a path parameter in a district: the id of an object the caller may reach
 * (or, with the other district, one it may not). Decided by the collection the parameter names
 * in the path (`/cases/{id}` → a case), so new routes on known collections need nothing here;
 * an unknown one makes the suite fail, naming the parameter.
 */
export function pathValue(d: District, op: Operation, param: string): string {
  const { ids } = d;
  switch (param) {
    case 'deadlineId': return ids.deadline;
    case 'membershipId': return ids.membership;
    case 'deliveryId': return ids.delivery;
    // Deadline settings are keyed `<chain>:<case type>:<clock>`.
    case 'key': return 'm:snelrecht:beslissing-zonder-aanhouding';
    // A function none of the fuzzer's callers depends on: PUT may take its grants away.
    case 'function': return 'hulpverlener';
    case 'chain': return 'm';
    default: break;
  }
  const segments = op.path.split('/');
  const collection = segments[segments.indexOf(`{${param}}`) - 1];
  switch (collection) {
    // Referrals are sent on the case that is in mediation; the rest is about the intake case.
    case 'cases': return /\/referrals$/.test(op.path) ? ids.referredCase : ids.case;
    case 'persons': return ids.person;
    case 'users': return ids.user;
    case 'service-accounts': return ids.serviceAccount;
    case 'notifications': return ids.notification;
    case 'organisations': return ids.organisation;
    case 'protocols': return ids.protocol;
    case 'referrals': return ids.referral;
    // DELETE removes the webhook: it gets one of its own, so the others keep reaching handlers.
    case 'webhooks': return op.method === 'DELETE' && op.path.endsWith('/{id}') ? ids.doomedWebhook : ids.webhook;
    case 'items': return ids.item;
    default: throw new Error(`no real value for path parameter {${param}} of ${op.key}: teach support/fuzz/path-ids.ts`);
  }
}
