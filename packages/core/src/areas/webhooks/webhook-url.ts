import { badRequest } from '@ketenhuis/sdk';
import { isLocalHostname } from './local-address';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface WebhookUrlRules {
  /**
   * KETENHUIS_WEBHOOK_ALLOW_LOCAL: receivers on the platform's machine or network (tests, local
   * development). Off, such a URL is refused here, and a name resolving inside is refused when
   * a delivery is sent.
   */
  allowLocal: boolean;
}

/**
 * Deliveries go over TLS; plain http only to the machine itself, where local receivers are
 * allowed. Credentials in a URL would end up in logs and listings, so they are refused.
 */
export function checkWebhookUrl(value: string, field: string, rules: WebhookUrlRules): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(field, 'is not an absolute URL');
  }
  const plainHttpAllowed = rules.allowLocal && url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !plainHttpAllowed) {
    throw badRequest(field, rules.allowLocal ? 'must be https (plain http only for 127.0.0.1, localhost or [::1])' : 'must be https');
  }
  if (!rules.allowLocal && isLocalHostname(url.hostname)) {
    throw badRequest(field, 'must not point to localhost or a loopback, private or link-local address');
  }
  if (url.username || url.password) throw badRequest(field, 'must not carry a user name or password');
  if (url.hash) throw badRequest(field, 'must not carry a fragment');
  return url.toString();
}
