import { ReferralEventEntity } from './referral-event.entity';
import { ReferralEntity } from './referral.entity';

export { ReferralEntity, ReferralEventEntity };

export const referralsEntities: Function[] = [ReferralEntity, ReferralEventEntity];
