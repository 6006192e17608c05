import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { Pagination, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { listGateEvents, loadGatePicture } from './event-read.js';
import { GATE_VIEWER_ROLES } from './roles.js';

const GateEventQuery = Type.Object(
  {
    compoundId: Type.Optional(Type.String({ format: 'uuid' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    decision: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('deny')])),
    plate: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    ...Pagination,
  },
  { additionalProperties: false },
);

const PictureParams = Type.Object({ id: Type.String({ format: 'uuid' }), pictureId: Type.String({ format: 'uuid' }) });

/** Console reads of gate events: a filtered, paged list and the stored pictures. */
export const gateEventReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['gate-events'];
  const config = { access: { kind: 'staff' as const, roles: GATE_VIEWER_ROLES } };

  app.get('/', { config, schema: { tags, querystring: GateEventQuery, response: STAFF_ERRORS } }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return listGateEvents(ctx, actorOf(request), { ...filter, page, pageSize });
  });

  app.get(
    '/:id/pictures/:pictureId',
    { config, schema: { tags, params: PictureParams, response: STAFF_ERRORS } },
    async (request, reply) => {
      const picture = await loadGatePicture(ctx, actorOf(request), request.params.id, request.params.pictureId);
      return reply.type(picture.contentType).header('cache-control', 'private, max-age=3600').send(picture.data);
    },
  );
};
