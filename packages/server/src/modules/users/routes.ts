import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { CreateUserBody, CreateUserResult, PasswordResetResult, UpdateUserBody, User, UserList, UserListQuery } from './schemas.js';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './service.js';

/** Account management, for administrators within their own subtree. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['users'];
  const config = { access: { kind: 'staff' as const, roles: ['admin'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get('', { config, schema: { tags, querystring: UserListQuery, response: { 200: UserList, ...errors } } }, async (request) => {
    const { q, role, nodeCode, page = 1, pageSize = 20 } = request.query;
    return listUsers(ctx, actorOf(request), { q, role, nodeCode }, page, pageSize);
  });

  app.post(
    '',
    { config, schema: { tags, body: CreateUserBody, response: { 201: CreateUserResult, ...errors } } },
    async (request, reply) => {
      const result = await createUser(ctx, actorOf(request), request.body);
      request.log.info({ userId: result.user.id }, 'user created');
      return reply.status(201).send(result);
    },
  );

  app.get('/:id', { config, schema: { tags, params: IdParams, response: { 200: User, ...errors } } }, async (request) =>
    getUser(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/:id',
    { config, schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User, ...errors } } },
    async (request) => updateUser(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/:id/reset-password',
    { config, schema: { tags, params: IdParams, response: { 200: PasswordResetResult, ...errors } } },
    async (request) => resetPassword(ctx, actorOf(request), request.params.id),
  );
};
