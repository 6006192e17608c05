import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import {
  AdmitBody,
  CreateRoomBody,
  CreateSiteBody,
  DischargeBody,
  SiteDetail,
  SiteList,
  SiteListQuery,
  SiteRoom,
  SiteStay,
  SiteStayList,
  SiteStayQuery,
  TransferBody,
  TransferResult,
  UpdateRoomBody,
  UpdateSiteBody,
} from './schemas.js';
import { createRoom, createSite, deleteSite, getSite, listSites, removeRoom, updateRoom, updateSite } from './service.js';
import { admitPerson, dischargeStay, listPersonStays, listSiteStays, transferStay } from './stays.js';

/**
 * Sites (集中隔离点, 集中安置点, 临时分流点), their rooms and who stays there.
 * Subdistrict staff, HQ and administrators write, and community staff and
 * doctors read. A site belongs to the jurisdiction that runs it, and staff see the
 * sites of their subtree. Logs carry ids only.
 */
export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['sites'];
  const read = { access: { kind: 'staff' as const, roles: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'doctor'] as const } };
  const write = { access: { kind: 'staff' as const, roles: ['admin', 'hq', 'subdistrict_staff'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get('/', { config: read, schema: { tags, querystring: SiteListQuery, response: { 200: SiteList, ...errors } } }, async (request) =>
    listSites(ctx, actorOf(request), request.query),
  );

  app.post(
    '/',
    { config: write, schema: { tags, body: CreateSiteBody, response: { 201: SiteDetail, ...errors } } },
    async (request, reply) => {
      const site = await createSite(ctx, actorOf(request), request.body);
      request.log.info({ siteId: site.id }, 'site created');
      return reply.status(201).send(site);
    },
  );

  app.get('/:id', { config: read, schema: { tags, params: IdParams, response: { 200: SiteDetail, ...errors } } }, async (request) =>
    getSite(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdateSiteBody, response: { 200: SiteDetail, ...errors } } },
    async (request) => {
      const site = await updateSite(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ siteId: site.id }, 'site updated');
      return site;
    },
  );

  app.delete('/:id', { config: write, schema: { tags, params: IdParams, response: { ...errors } } }, async (request, reply) => {
    await deleteSite(ctx, actorOf(request), request.params.id);
    request.log.info({ siteId: request.params.id }, 'site deleted');
    return reply.status(204).send();
  });

  app.post(
    '/:id/rooms',
    { config: write, schema: { tags, params: IdParams, body: CreateRoomBody, response: { 201: SiteRoom, ...errors } } },
    async (request, reply) => {
      const room = await createRoom(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ siteId: room.siteId, roomId: room.id }, 'site room created');
      return reply.status(201).send(room);
    },
  );

  app.patch(
    '/rooms/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdateRoomBody, response: { 200: SiteRoom, ...errors } } },
    async (request) => {
      const room = await updateRoom(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ siteId: room.siteId, roomId: room.id }, 'site room updated');
      return room;
    },
  );

  app.delete('/rooms/:id', { config: write, schema: { tags, params: IdParams, response: { ...errors } } }, async (request, reply) => {
    await removeRoom(ctx, actorOf(request), request.params.id);
    request.log.info({ roomId: request.params.id }, 'site room removed');
    return reply.status(204).send();
  });

  app.get(
    '/:id/stays',
    { config: read, schema: { tags, params: IdParams, querystring: SiteStayQuery, response: { 200: SiteStayList, ...errors } } },
    async (request) => listSiteStays(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/stays',
    { config: write, schema: { tags, body: AdmitBody, response: { 201: SiteStay, ...errors } } },
    async (request, reply) => {
      const stay = await admitPerson(ctx, actorOf(request), request.body);
      request.log.info({ stayId: stay.id, siteId: stay.siteId, roomId: stay.roomId }, 'person admitted to site');
      return reply.status(201).send(stay);
    },
  );

  app.post(
    '/stays/:id/transfer',
    { config: write, schema: { tags, params: IdParams, body: TransferBody, response: { 200: TransferResult, ...errors } } },
    async (request) => {
      const result = await transferStay(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ stayId: result.from.id, newStayId: result.to.id, roomId: result.to.roomId }, 'site stay transferred');
      return result;
    },
  );

  app.post(
    '/stays/:id/discharge',
    { config: write, schema: { tags, params: IdParams, body: DischargeBody, response: { 200: SiteStay, ...errors } } },
    async (request) => {
      const stay = await dischargeStay(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ stayId: stay.id }, 'site stay discharged');
      return stay;
    },
  );

  app.get(
    '/persons/:id/stays',
    { config: read, schema: { tags, params: IdParams, response: { 200: SiteStayList, ...errors } } },
    async (request) => listPersonStays(ctx, actorOf(request), request.params.id),
  );
};
