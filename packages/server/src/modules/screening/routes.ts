import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiateLocale } from '@cordon/core';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import {
  BatchBody,
  BatchResult,
  BuildingDetail,
  BuildingProgressList,
  CommunityProgressList,
  CreateVisitBody,
  ProgressQuery,
  RevisitList,
  Visit,
} from './schemas.js';
import { getBuildingDetail, listBuildingProgress, listCommunityProgress, listDueRevisits } from './service.js';
import { createVisit, createVisitBatch } from './visits.js';

/**
 * Door-to-door screening (地毯式排查). Every staff role reads progress in its
 * scope; grid workers and office roles record visits. Logs carry ids only.
 */
export const screeningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['screening'];
  const write = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff', 'grid_worker'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get(
    '/buildings',
    { schema: { tags, querystring: ProgressQuery, response: { 200: BuildingProgressList, ...errors } } },
    async (request) => {
      const { nodeCode, page = 1, pageSize = 20 } = request.query;
      return listBuildingProgress(ctx, actorOf(request), nodeCode, page, pageSize);
    },
  );

  app.get('/buildings/:id', { schema: { tags, params: IdParams, response: { 200: BuildingDetail, ...errors } } }, async (request) =>
    getBuildingDetail(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/communities',
    { schema: { tags, querystring: ProgressQuery, response: { 200: CommunityProgressList, ...errors } } },
    async (request) => listCommunityProgress(ctx, actorOf(request), request.query.nodeCode),
  );

  app.get('/revisits', { schema: { tags, querystring: ProgressQuery, response: { 200: RevisitList, ...errors } } }, async (request) => {
    const { nodeCode, page = 1, pageSize = 20 } = request.query;
    return listDueRevisits(ctx, actorOf(request), nodeCode, page, pageSize);
  });

  app.post(
    '/visits',
    { config: write, schema: { tags, body: CreateVisitBody, response: { 200: Visit, 201: Visit, ...errors } } },
    async (request, reply) => {
      const { visit, created } = await createVisit(ctx, actorOf(request), request.body);
      request.log.info({ visitId: visit.id, created }, 'screening visit stored');
      return reply.status(created ? 201 : 200).send(visit);
    },
  );

  app.post(
    '/visits/batch',
    { config: write, schema: { tags, body: BatchBody, response: { 200: BatchResult, ...errors } } },
    async (request) => {
      const locale = negotiateLocale(request.headers['accept-language']);
      const results = await createVisitBatch(ctx, actorOf(request), request.body.visits, locale);
      const rejected = results.filter((result) => result.status >= 400).length;
      request.log.info({ visits: results.length, rejected }, 'screening batch stored');
      return { results };
    },
  );
};
