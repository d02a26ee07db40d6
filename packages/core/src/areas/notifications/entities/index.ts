import { NotificationReadEntity } from './notification-read.entity';
import { NotificationEntity } from './notification.entity';

export { NotificationEntity, NotificationReadEntity };

export const notificationsEntities: Function[] = [NotificationEntity, NotificationReadEntity];
