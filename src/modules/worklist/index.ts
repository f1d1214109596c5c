/**
 * The worklist module's public surface: tasks for people, opened once per cause by other modules
 * (`openTask` in their transaction), closed when the cause goes away (`closeTasks`), escalated to the
 * role's lead when overdue, and summed up in a daily digest per department.
 */
import { dailyAt } from '../../platform/jobs/schedules.js';
import type { DuelyModule } from '../module.js';
import { DIGEST_JOB, ESCALATE_JOB, registerWorklistJobs } from './jobs.js';
import { worklistRoutes } from './routes.js';

export { escalateOverdue, sendDigests } from './jobs.js';
export { worklistPermissions } from './permissions.js';
export type { Department, TaskPriority, TaskStatus } from './rules.js';
export { DEPARTMENT_ROLE, DEPARTMENTS, TASK_PRIORITIES } from './rules.js';
export type { Task, TaskComment, TaskInput } from './schemas.js';
export type { TaskListFilter } from './tasks.js';
export { closeTasks, listTasks, openTask, tasksOfRecord } from './tasks.js';

export const worklistModule: DuelyModule = {
  name: 'worklist',
  routes: (ctx) => worklistRoutes(ctx),
  register: (ctx) => registerWorklistJobs(ctx),
  schedules: (ctx) => [
    // Hourly: a task becomes overdue at the start of the company's day, whenever that is in UTC.
    { name: 'worklist.escalate', cron: '10 * * * *', jobName: ESCALATE_JOB },
    { name: 'worklist.digest', cron: dailyAt(ctx.config.WORKLIST_DIGEST_TIME), jobName: DIGEST_JOB },
  ],
};
