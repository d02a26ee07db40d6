export * from './notify';
export * from './notification-access';
export { notificationRoutes } from './routes';
