import { DeadlineEventEntity } from './deadline-event.entity';
import { DeadlineSettingEntity } from './deadline-setting.entity';
import { DeadlineEntity } from './deadline.entity';

export { DeadlineEntity, DeadlineEventEntity, DeadlineSettingEntity };

export const deadlinesEntities: Function[] = [DeadlineEntity, DeadlineEventEntity, DeadlineSettingEntity];
