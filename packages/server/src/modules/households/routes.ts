import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { CreateTenancyBody, EndTenancyBody, HouseholdView, PersonTenancies, PlaceParams, RoomParams, Tenancy } from './schemas.js';
import { createTenancy, endTenancy, getPlaceHousehold, getRoomHousehold, listPersonTenancies } from './service.js';

/**
 * Households: who lives at a room or place, and landlord–tenant relations.
 * Every staff role reads its scope, and office roles and grid workers write
 * tenancies. Logs carry ids only.
 */
export const householdRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['households'];
  const write = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff', 'grid_worker'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get('/rooms/:roomId', { schema: { tags, params: RoomParams, response: { 200: HouseholdView, ...errors } } }, async (request) =>
    getRoomHousehold(ctx, actorOf(request), request.params.roomId),
  );

  app.get('/places/:placeId', { schema: { tags, params: PlaceParams, response: { 200: HouseholdView, ...errors } } }, async (request) =>
    getPlaceHousehold(ctx, actorOf(request), request.params.placeId),
  );

  app.post(
    '/tenancies',
    { config: write, schema: { tags, body: CreateTenancyBody, response: { 201: Tenancy, ...errors } } },
    async (request, reply) => {
      const tenancy = await createTenancy(ctx, actorOf(request), request.body);
      request.log.info({ tenancyId: tenancy.id }, 'tenancy created');
      return reply.status(201).send(tenancy);
    },
  );

  app.post(
    '/tenancies/:id/end',
    { config: write, schema: { tags, params: IdParams, body: EndTenancyBody, response: { 200: Tenancy, ...errors } } },
    async (request) => {
      const tenancy = await endTenancy(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ tenancyId: tenancy.id }, 'tenancy ended');
      return tenancy;
    },
  );

  app.get(
    '/persons/:id/tenancies',
    { schema: { tags, params: IdParams, response: { 200: PersonTenancies, ...errors } } },
    async (request) => listPersonTenancies(ctx, actorOf(request), request.params.id),
  );
};
