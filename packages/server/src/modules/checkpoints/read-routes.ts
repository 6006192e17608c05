import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { getRegistration, listRegistrations } from './read.js';
import {
  CHECKPOINT_VIEWER_ROLES,
  RegistrationDetail,
  RegistrationIdParams,
  RegistrationList,
  RegistrationListQuery,
  RegistrationStats,
  RegistrationStatsQuery,
} from './read-schemas.js';
import { getRegistrationStats } from './stats.js';

/**
 * Console reads of checkpoint registrations: the list, the statistics and
 * one registration, all with masked numbers. Managers read the checkpoints
 * of their scope, an officer those on his roster.
 */
export const checkpointReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['checkpoints'];
  const config = { access: { kind: 'staff' as const, roles: CHECKPOINT_VIEWER_ROLES } };

  app.get(
    '/',
    { config, schema: { tags, querystring: RegistrationListQuery, response: { 200: RegistrationList, ...STAFF_ERRORS } } },
    async (request) => {
      const { page = 1, pageSize = 20, ...filter } = request.query;
      return listRegistrations(ctx, actorOf(request), filter, page, pageSize);
    },
  );

  app.get(
    '/stats',
    { config, schema: { tags, querystring: RegistrationStatsQuery, response: { 200: RegistrationStats, ...STAFF_ERRORS } } },
    async (request) => getRegistrationStats(ctx, actorOf(request), request.query),
  );

  app.get(
    '/:id',
    { config, schema: { tags, params: RegistrationIdParams, response: { 200: RegistrationDetail, ...STAFF_ERRORS } } },
    async (request) => getRegistration(ctx, actorOf(request), request.params.id),
  );
};
