import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { deletePlace, deleteRoom, updatePlace, updateRoom } from './edit.js';
import { updateCompound } from './compound-edit.js';
import { generateRooms } from './generate.js';
import {
  BuildingRooms,
  Compound,
  CompoundDetail,
  CompoundList,
  CompoundListQuery,
  CreateCompoundBody,
  CreatePlaceBody,
  GenerateBody,
  GenerateResult,
  Place,
  PlaceList,
  PlaceListQuery,
  Room,
  SearchQuery,
  SearchResult,
  UpdateCompoundBody,
  UpdatePlaceBody,
  UpdateRoomBody,
} from './schemas.js';
import { searchAddresses } from './search.js';
import { createCompound, createPlace, getBuildingRooms, getCompound, getPlace, getRoom, listCompounds, listPlaces } from './service.js';

/** Compounds, buildings, units, rooms and free-form places. Every staff role reads its scope, and office roles write. */
export const addressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['addresses'];
  const write = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get(
    '/compounds',
    { schema: { tags, querystring: CompoundListQuery, response: { 200: CompoundList, ...errors } } },
    async (request) => {
      const { communityCode, q, page = 1, pageSize = 20 } = request.query;
      return listCompounds(ctx, actorOf(request), { communityCode, q }, page, pageSize);
    },
  );

  app.post(
    '/compounds',
    { config: write, schema: { tags, body: CreateCompoundBody, response: { 201: Compound, ...errors } } },
    async (request, reply) => {
      const compound = await createCompound(ctx, actorOf(request), request.body);
      request.log.info({ compoundId: compound.id }, 'compound created');
      return reply.status(201).send(compound);
    },
  );

  app.get('/compounds/:id', { schema: { tags, params: IdParams, response: { 200: CompoundDetail, ...errors } } }, async (request) =>
    getCompound(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/compounds/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdateCompoundBody, response: { 200: CompoundDetail, ...errors } } },
    async (request) => {
      const compound = await updateCompound(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ compoundId: compound.id }, 'compound updated');
      return compound;
    },
  );

  app.post(
    '/compounds/:id/generate',
    { config: write, schema: { tags, params: IdParams, body: GenerateBody, response: { 200: GenerateResult, ...errors } } },
    async (request) => {
      const result = await generateRooms(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ compoundId: request.params.id, ...result }, 'rooms generated');
      return result;
    },
  );

  app.get('/buildings/:id/rooms', { schema: { tags, params: IdParams, response: { 200: BuildingRooms, ...errors } } }, async (request) =>
    getBuildingRooms(ctx, actorOf(request), request.params.id),
  );

  app.get('/rooms/:id', { schema: { tags, params: IdParams, response: { 200: Room, ...errors } } }, async (request) =>
    getRoom(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/rooms/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdateRoomBody, response: { 200: Room, ...errors } } },
    async (request) => {
      const room = await updateRoom(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ roomId: room.id }, 'room updated');
      return room;
    },
  );

  app.delete(
    '/rooms/:id',
    { config: write, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteRoom(ctx, actorOf(request), request.params.id);
      request.log.info({ roomId: request.params.id }, 'room deleted');
      return reply.status(204).send(null);
    },
  );

  app.get('/places', { schema: { tags, querystring: PlaceListQuery, response: { 200: PlaceList, ...errors } } }, async (request) => {
    const { communityCode, kind, q, page = 1, pageSize = 20 } = request.query;
    return listPlaces(ctx, actorOf(request), { communityCode, kind, q }, page, pageSize);
  });

  app.post(
    '/places',
    { config: write, schema: { tags, body: CreatePlaceBody, response: { 201: Place, ...errors } } },
    async (request, reply) => {
      const place = await createPlace(ctx, actorOf(request), request.body);
      request.log.info({ placeId: place.id }, 'place created');
      return reply.status(201).send(place);
    },
  );

  app.get('/places/:id', { schema: { tags, params: IdParams, response: { 200: Place, ...errors } } }, async (request) =>
    getPlace(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/places/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdatePlaceBody, response: { 200: Place, ...errors } } },
    async (request) => {
      const place = await updatePlace(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ placeId: place.id }, 'place updated');
      return place;
    },
  );

  app.delete(
    '/places/:id',
    { config: write, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deletePlace(ctx, actorOf(request), request.params.id);
      request.log.info({ placeId: request.params.id }, 'place deleted');
      return reply.status(204).send(null);
    },
  );

  app.get('/search', { schema: { tags, querystring: SearchQuery, response: { 200: SearchResult, ...errors } } }, async (request) =>
    searchAddresses(ctx, actorOf(request), request.query.q, request.query.limit ?? 20),
  );
};
