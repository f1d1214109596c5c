/**
 * The worklist module's public surface: tasks for people, opened once per cause by other modules
 * (`openTask` in their transaction), closed when the cause goes away (`closeTasks`), escalated to the
 * role's lead when overdue, and summed up in a daily digest per department.
 */
import type { DuelyModule } from '../module.js';

export type { Department, TaskPriority, TaskStatus } from './rules.js';
export { DEPARTMENT_ROLE, DEPARTMENTS, TASK_PRIORITIES } from './rules.js';
export type { Task, TaskComment, TaskInput } from './schemas.js';
export type { TaskListFilter } from './tasks.js';
export { closeTasks, listTasks, openTask, tasksOfRecord } from './tasks.js';

export const worklistModule: DuelyModule = {
  name: 'worklist',
};
