export { startDeadline, stopDeadlines, type DeadlineStart } from './start-deadline';
export { addDuration, subtractDuration, parseDuration, isPositiveDuration, startOfDay } from '../../kernel/values/duration';
export { deadlineJobs } from './deadline-jobs';
export { deadlineRoutes } from './routes';
