import createClient from 'openapi-fetch';
import type { paths } from './generated/core';

/** A typed client of the core API, for partner systems and for our own tests. */
export function createKetenhuisClient(baseUrl: string, token?: string, headers: Record<string, string> = {}) {
  return createClient<paths>({ baseUrl, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}
