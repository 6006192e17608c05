import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { closeTask, createManualTask, startTask, takeTask, updateTask } from './changes.js';
import {
  AssigneeList,
  AssigneeQuery,
  CloseTaskBody,
  CreateTaskBody,
  MyTasksQuery,
  TaskDetail,
  TaskList,
  TaskListQuery,
  TASK_MANAGER_ROLES,
  UpdateTaskBody,
} from './schemas.js';
import { getTask, listAssignees, listMyTasks, listTasks } from './service.js';

/**
 * Work tasks (工作任务). Every staff role reads the tasks of its subtree and
 * those assigned to it. Managers create, assign and cancel tasks, and the
 * assignee or a manager starts and completes them. Logs carry ids only.
 */
export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['tasks'];
  const manage = { access: { kind: 'staff' as const, roles: TASK_MANAGER_ROLES } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };
  const detail = { 200: TaskDetail, ...errors };

  app.get('/', { schema: { tags, querystring: TaskListQuery, response: { 200: TaskList, ...errors } } }, async (request) =>
    listTasks(ctx, actorOf(request), request.query),
  );

  app.get('/mine', { schema: { tags, querystring: MyTasksQuery, response: { 200: TaskList, ...errors } } }, async (request) => {
    const { page = 1, pageSize = 50 } = request.query;
    return listMyTasks(ctx, actorOf(request), page, pageSize);
  });

  app.get(
    '/assignees',
    { config: manage, schema: { tags, querystring: AssigneeQuery, response: { 200: AssigneeList, ...errors } } },
    async (request) => listAssignees(ctx, actorOf(request), request.query.nodeCode, request.query.role),
  );

  app.get('/:id', { schema: { tags, params: IdParams, response: detail } }, async (request) =>
    getTask(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/',
    { config: manage, schema: { tags, body: CreateTaskBody, response: { 201: TaskDetail, ...errors } } },
    async (request, reply) => {
      const task = await createManualTask(ctx, actorOf(request), request.body);
      request.log.info({ taskId: task.id }, 'task created');
      return reply.status(201).send(task);
    },
  );

  app.patch('/:id', { config: manage, schema: { tags, params: IdParams, body: UpdateTaskBody, response: detail } }, async (request) => {
    const task = await updateTask(ctx, actorOf(request), request.params.id, request.body);
    request.log.info({ taskId: task.id }, 'task updated');
    return task;
  });

  app.post('/:id/take', { schema: { tags, params: IdParams, response: detail } }, async (request) => {
    const task = await takeTask(ctx, actorOf(request), request.params.id);
    request.log.info({ taskId: task.id }, 'task taken');
    return task;
  });

  app.post('/:id/start', { schema: { tags, params: IdParams, response: detail } }, async (request) => {
    const task = await startTask(ctx, actorOf(request), request.params.id);
    request.log.info({ taskId: task.id }, 'task started');
    return task;
  });

  app.post('/:id/complete', { schema: { tags, params: IdParams, body: CloseTaskBody, response: detail } }, async (request) => {
    const task = await closeTask(ctx, actorOf(request), request.params.id, 'done', request.body.resultNote, request.body.result);
    request.log.info({ taskId: task.id }, 'task completed');
    return task;
  });

  app.post(
    '/:id/cancel',
    { config: manage, schema: { tags, params: IdParams, body: CloseTaskBody, response: detail } },
    async (request) => {
      const task = await closeTask(ctx, actorOf(request), request.params.id, 'cancelled', request.body.resultNote, request.body.result);
      request.log.info({ taskId: task.id }, 'task cancelled');
      return task;
    },
  );
};
