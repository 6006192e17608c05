import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { mergePersons } from './merge.js';
import {
  MergePersonBody,
  MergePersonResult,
  PersonDetail,
  PersonHistory,
  PersonList,
  PersonListQuery,
  RegisterPersonBody,
  RegisterPersonResult,
  RevealBody,
  RevealResult,
  UpdatePersonBody,
} from './schemas.js';
import { getPerson, getPersonHistory, listPersons, registerPerson, revealPersonField, updatePerson } from './service.js';

/**
 * Person files. Every staff role reads its scope; office roles and grid
 * workers write; revealing a full number is limited to the roles that need it.
 * Logs carry ids only, never names, numbers or phones.
 */
export const personRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['persons'];
  const write = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff', 'grid_worker'] as const } };
  const reveal = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff', 'doctor'] as const } };
  const merge = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get('', { schema: { tags, querystring: PersonListQuery, response: { 200: PersonList, ...errors } } }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return listPersons(ctx, actorOf(request), filter, page, pageSize);
  });

  app.post(
    '',
    {
      config: write,
      schema: { tags, body: RegisterPersonBody, response: { 200: RegisterPersonResult, 201: RegisterPersonResult, ...errors } },
    },
    async (request, reply) => {
      const result = await registerPerson(ctx, actorOf(request), request.body);
      request.log.info({ personId: result.person.id, created: result.created }, 'person registered');
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: PersonDetail, ...errors } } }, async (request) =>
    getPerson(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdatePersonBody, response: { 200: PersonDetail, ...errors } } },
    async (request) => {
      const person = await updatePerson(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ personId: person.id }, 'person updated');
      return person;
    },
  );

  app.post(
    '/:id/reveal',
    { config: reveal, schema: { tags, params: IdParams, body: RevealBody, response: { 200: RevealResult, ...errors } } },
    async (request) => {
      const { field, reason } = request.body;
      const result = await revealPersonField(ctx, actorOf(request), request.params.id, field, reason);
      request.log.info({ personId: request.params.id, field }, 'person field revealed');
      return result;
    },
  );

  app.post(
    '/:id/merge',
    { config: merge, schema: { tags, params: IdParams, body: MergePersonBody, response: { 200: MergePersonResult, ...errors } } },
    async (request) => {
      const { sourceId, reason } = request.body;
      const result = await mergePersons(ctx, actorOf(request), request.params.id, sourceId, reason);
      request.log.info({ personId: request.params.id, sourceId, filledFields: result.filledFields }, 'person merged');
      return result;
    },
  );

  app.get('/:id/history', { schema: { tags, params: IdParams, response: { 200: PersonHistory, ...errors } } }, async (request) =>
    getPersonHistory(ctx, actorOf(request), request.params.id),
  );
};
