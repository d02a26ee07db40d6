import type { TenantScope } from '@ketenhuis/sdk';
import type { CaseInState } from '../cases/case-access';
import { followClocks } from '../deadlines/workflow-clocks';

/**
 * Runs in the transaction that registered a case (`from` null) or moved it to another state,
 * after the change: whatever depends on the state (deadline clocks) follows it here, so it
 * commits with the change or not at all.
 */
export async function afterStateChange(scope: TenantScope, row: CaseInState, from: string | null): Promise<void> {
  await followClocks(scope, row, from);
}
