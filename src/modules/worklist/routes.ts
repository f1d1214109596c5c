/** HTTP for the worklist: zod in, service call, zod out. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { pageOf } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { worklistPermissions as perms } from './permissions.js';
import {
  assignSchema,
  bulkAssignSchema,
  bulkResultSchema,
  bulkSnoozeSchema,
  commentInputSchema,
  commentSchema,
  doneSchema,
  leadsSchema,
  listPageQuerySchema,
  listQuerySchema,
  roleParams,
  setLeadSchema,
  snoozeSchema,
  taskDetailSchema,
  taskSchema,
} from './schemas.js';
import * as service from './service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['worklist'];

export function worklistRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/worklist/tasks',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'Tasks in worklist order (priority, due date): open and unsnoozed by default; filters: status, department, kind, owner, mine, record, customer, due',
          querystring: listPageQuerySchema,
          response: { 200: pageOf(taskSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...query } = request.query;
        return service.listForActor(ctx, actorOf(request), query, { limit, cursor });
      },
    );

    app.get(
      '/api/worklist/tasks/export.csv',
      {
        config: { access: perms.read },
        schema: { tags, summary: 'The tasks of the list filters as CSV', querystring: listQuerySchema },
      },
      async (request, reply) => {
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="worklist-${service.today(ctx)}.csv"`)
          .header('cache-control', 'no-store');
        return reply.send(Readable.from(service.exportTasks(ctx, actorOf(request), request.query)));
      },
    );

    app.get(
      '/api/worklist/tasks/:id',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'One task with its comments',
          params: idParams,
          response: { 200: taskDetailSchema },
        },
      },
      async (request) => service.getTask(ctx, request.params.id),
    );

    app.post(
      '/api/worklist/tasks/:id/assign',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Assign an open task to a user and/or a role (null clears)',
          params: idParams,
          body: assignSchema,
          response: { 200: taskSchema },
        },
      },
      async (request) => service.assignTask(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/worklist/tasks/:id/snooze',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Hide an open task from the list until a later date, with a reason',
          params: idParams,
          body: snoozeSchema,
          response: { 200: taskSchema },
        },
      },
      async (request) => service.snoozeTask(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/worklist/tasks/:id/comments',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Add a comment to a task',
          params: idParams,
          body: commentInputSchema,
          response: { 201: commentSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.commentTask(ctx, actorOf(request), request.params.id, request.body.body)),
    );

    app.post(
      '/api/worklist/tasks/:id/done',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Mark an open task done (optionally with a resolution)',
          params: idParams,
          body: doneSchema,
          response: { 200: taskSchema },
        },
      },
      async (request) => service.markDone(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/worklist/tasks/:id/reopen',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Reopen a done or closed task (refused while another task for the same cause is open)',
          params: idParams,
          response: { 200: taskSchema },
        },
      },
      async (request) => service.reopenTask(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/worklist/tasks/bulk/assign',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Assign several open tasks at once (all or nothing)',
          body: bulkAssignSchema,
          response: { 200: bulkResultSchema },
        },
      },
      async (request) => service.bulkAssign(ctx, actorOf(request), request.body),
    );

    app.post(
      '/api/worklist/tasks/bulk/snooze',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Snooze several open tasks at once (all or nothing)',
          body: bulkSnoozeSchema,
          response: { 200: bulkResultSchema },
        },
      },
      async (request) => service.bulkSnooze(ctx, actorOf(request), request.body),
    );

    app.get(
      '/api/worklist/leads',
      {
        config: { access: perms.admin },
        schema: {
          tags,
          summary: 'The lead of each role, who receives escalations',
          response: { 200: leadsSchema },
        },
      },
      async () => service.listLeads(ctx),
    );

    app.put(
      '/api/worklist/leads/:role',
      {
        config: { access: perms.admin },
        schema: {
          tags,
          summary: 'Set (or clear with null) the lead of a role; without one, administrators are told',
          params: roleParams,
          body: setLeadSchema,
          response: { 200: leadsSchema },
        },
      },
      async (request) => service.setLead(ctx, actorOf(request), request.params.role, request.body.userId),
    );
  };
}
