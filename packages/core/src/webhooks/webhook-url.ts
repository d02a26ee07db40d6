import { badRequest } from '@ketenhuis/sdk';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Deliveries go over TLS; plain http only to the machine itself (a receiver next to the
 * platform, tests). Credentials in a URL would end up in logs and listings, so they are refused.
 */
export function checkWebhookUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(field, 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw badRequest(field, 'must be https (plain http only for 127.0.0.1, localhost or [::1])');
  }
  if (url.username || url.password) throw badRequest(field, 'must not carry a user name or password');
  if (url.hash) throw badRequest(field, 'must not carry a fragment');
  return url.toString();
}
