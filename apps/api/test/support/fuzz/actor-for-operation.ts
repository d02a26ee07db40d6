import type { ActorName } from './district';
import type { Operation } from './openapi-operations';

/**
 * Which caller may call an operation, so that fuzzed requests get past authentication and the
 * permission check and reach validation and the handler. First match wins; anything unlisted
 * goes to the bootstrap operator, who holds every function's grants but acts for no
 * organisation. The suite asserts that each operation's valid request is not refused with
 * 401/403, so a new route that needs another caller shows up here rather than going untested.
 */
const RULES: [RegExp, ActorName][] = [
  // The subject access export is an audit permission, which only the district administrator holds.
  [/^\/api\/v1\/persons\/\{id\}\/audit-export$/, 'admin'],
  // A webhook belongs to the organisation its administrator acts for.
  [/^\/api\/v1\/webhooks/, 'webAdmin'],
  // Notifications and answers to referrals are the receiving organisation's.
  [/^\/api\/v1\/notifications/, 'assistent'],
  [/^\/api\/v1\/referrals\/\{id\}\/transitions$/, 'assistent'],
  // Case work: the parket's magistrate, who sees the district's chain M cases and sends referrals.
  [/^\/api\/v1\/(cases|persons|referrals|reports|chains\/m)(\/|$)/, 'magistraat'],
];

export function actorFor(op: Operation): ActorName | undefined {
  if (op.public) return undefined;
  return RULES.find(([pattern]) => pattern.test(op.path))?.[1] ?? 'admin';
}
