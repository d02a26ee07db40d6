export { referralRoutes } from './routes';
export { sendReferral, type ReferralInput } from './send-referral';
export { moveReferral, type ReferralTransitionRequest } from './move-referral';
export { REFERRAL_STEPS, type ReferralAction } from '../../kernel/values/referral-states';
export { visibleReferralSql } from './referral-access';
