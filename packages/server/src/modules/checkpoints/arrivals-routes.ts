import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { listArrivals } from './arrivals.js';
import { ARRIVAL_VIEWER_ROLES, ArrivalList, ArrivalQuery } from './read-schemas.js';

/** Arrivals expected in the viewer's communities: registrations heading there, with their verification tasks. */
export const checkpointArrivalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const config = { access: { kind: 'staff' as const, roles: ARRIVAL_VIEWER_ROLES } };

  app.get(
    '/',
    { config, schema: { tags: ['checkpoints'], querystring: ArrivalQuery, response: { 200: ArrivalList, ...STAFF_ERRORS } } },
    async (request) => listArrivals(ctx, actorOf(request), request.query),
  );
};
