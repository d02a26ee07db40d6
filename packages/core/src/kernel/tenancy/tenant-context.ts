import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantScope } from '@ketenhuis/sdk';

/**
 * The tenant of the current unit of work travels here, never in a singleton: code deep in a call
 * chain can ask which tenant it serves without anyone passing it along.
 */
export const tenantStorage = new AsyncLocalStorage<TenantScope>();

export function currentScope(): TenantScope {
  const scope = tenantStorage.getStore();
  if (!scope) throw new Error('No tenant unit of work is active');
  return scope;
}
