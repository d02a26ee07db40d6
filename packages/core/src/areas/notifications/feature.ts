import type { PlatformFeature } from '@ketenhuis/sdk';
import { notificationRoutes } from './routes';

/** Each reads the notifications addressed to it: no permission beyond being signed in. */
export const notificationsFeature: PlatformFeature = { id: 'core.notifications', routes: notificationRoutes };
