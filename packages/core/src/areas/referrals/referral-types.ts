import { type LocalizedText, type ReferralTypeDefinition, type TenantScope } from '@ketenhuis/sdk';
import { CORE_TOKENS } from '../../kernel/core-tokens';

/** A referral type as the installed modules declare it, with the chain that declares it. */
export function referralTypeOf(scope: TenantScope, id: string): { moduleId: string; type: ReferralTypeDefinition } | undefined {
  return scope.resolve(CORE_TOKENS.ModuleRegistry).referralType(id);
}

/** A referral outlives its module's installation: without the definition it is named by its id. */
export function referralTypeTitle(scope: TenantScope, id: string): LocalizedText {
  return referralTypeOf(scope, id)?.type.title ?? { nl: id };
}
