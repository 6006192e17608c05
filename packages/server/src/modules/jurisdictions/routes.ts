import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors/app-error.js';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { CodeParams, GridBody, LoadBody, LoadResult, Node, NodeDetail, NodeList, SearchQuery, SearchResult } from './schemas.js';
import { ROOT_PATH } from './repository.js';
import { createGrid, getChildNodes, getNode, getRootNode, loadRegion, searchNodes } from './service.js';

export const jurisdictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['jurisdictions'];

  app.get('/root', { schema: { tags, response: { 200: Node, ...STAFF_ERRORS } } }, async (request) => getRootNode(ctx, actorOf(request)));

  app.get('/search', { schema: { tags, querystring: SearchQuery, response: { 200: SearchResult, ...STAFF_ERRORS } } }, async (request) => ({
    items: await searchNodes(ctx, actorOf(request), request.query.q, request.query.limit ?? 20),
  }));

  app.get('/:code', { schema: { tags, params: CodeParams, response: { 200: NodeDetail, ...STAFF_ERRORS } } }, async (request) =>
    getNode(ctx, actorOf(request), request.params.code),
  );

  app.get('/:code/children', { schema: { tags, params: CodeParams, response: { 200: NodeList, ...STAFF_ERRORS } } }, async (request) => ({
    items: await getChildNodes(ctx, actorOf(request), request.params.code),
  }));

  app.post(
    '/:code/grids',
    {
      config: { access: { kind: 'staff', roles: ['admin', 'subdistrict_staff', 'community_staff'] } },
      schema: { tags, params: CodeParams, body: GridBody, response: { 201: Node, ...STAFF_ERRORS } },
    },
    async (request, reply) => reply.status(201).send(await createGrid(ctx, actorOf(request), request.params.code, request.body.name)),
  );

  app.post(
    '/load',
    {
      config: { access: { kind: 'staff', roles: ['admin'] } },
      schema: { tags, body: LoadBody, response: { 200: LoadResult, ...STAFF_ERRORS } },
    },
    async (request) => {
      const actor = actorOf(request);
      // Loading writes under the root, so only an administrator who sits on the root may do it.
      if (actor.scope.nodePath !== ROOT_PATH) throw new AppError('FORBIDDEN');
      return loadRegion(ctx, actor, request.body.code);
    },
  );
};
