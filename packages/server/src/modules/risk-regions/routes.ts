import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import {
  CreateRiskRegionBody,
  RegionSearchQuery,
  RegionSearchResult,
  RiskRegion,
  RiskRegionList,
  RiskRegionListQuery,
  UpdateRiskRegionBody,
} from './schemas.js';
import { createRiskRegion, deleteRiskRegion, listRiskRegions, searchRegions, updateRiskRegion } from './service.js';

/**
 * The risk-region list (风险地区). Every staff role reads it, because person
 * files and checkpoints show the risk it yields; command HQ and
 * administrators maintain it.
 */
export const riskRegionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['risk-regions'];
  const write = { access: { kind: 'staff' as const, roles: ['hq', 'admin'] as const } };

  app.get('', { schema: { tags, querystring: RiskRegionListQuery, response: { 200: RiskRegionList, ...STAFF_ERRORS } } }, async (request) =>
    listRiskRegions(ctx, request.query),
  );

  app.get(
    '/regions',
    { schema: { tags, querystring: RegionSearchQuery, response: { 200: RegionSearchResult, ...STAFF_ERRORS } } },
    async (request) => searchRegions(ctx, actorOf(request), request.query.q, request.query.limit ?? 20),
  );

  app.post(
    '',
    { config: write, schema: { tags, body: CreateRiskRegionBody, response: { 201: RiskRegion, ...STAFF_ERRORS } } },
    async (request, reply) => {
      const entry = await createRiskRegion(ctx, actorOf(request), request.body);
      request.log.info({ riskRegionId: entry.id }, 'risk region created');
      return reply.status(201).send(entry);
    },
  );

  app.patch(
    '/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdateRiskRegionBody, response: { 200: RiskRegion, ...STAFF_ERRORS } } },
    async (request) => {
      const entry = await updateRiskRegion(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ riskRegionId: entry.id }, 'risk region updated');
      return entry;
    },
  );

  app.delete(
    '/:id',
    { config: write, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...STAFF_ERRORS } } },
    async (request, reply) => {
      await deleteRiskRegion(ctx, actorOf(request), request.params.id);
      request.log.info({ riskRegionId: request.params.id }, 'risk region deleted');
      return reply.status(204).send(null);
    },
  );
};
