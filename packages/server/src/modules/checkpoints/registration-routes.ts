import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiateLocale } from '@cordon/core';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { PHONE_ACCESS } from './phone-routes.js';
import {
  BATCH_BODY_LIMIT,
  RegistrationBatchBody,
  RegistrationBatchResult,
  RegistrationBody,
  RegistrationSaved,
  SINGLE_BODY_LIMIT,
} from './registration-schemas.js';
import { createRegistration, createRegistrationBatch } from './registrations.js';

/**
 * Checkpoint registrations sent by a phone (device key) or an officer's
 * session, one at a time or as a queued batch. Logs carry ids and counts
 * only, never plates, names, documents or phones.
 */
export const checkpointRegistrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['checkpoint registrations'];
  const config = { access: PHONE_ACCESS };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400], 413: STAFF_ERRORS[400] };

  app.post(
    '/',
    {
      config,
      bodyLimit: SINGLE_BODY_LIMIT,
      schema: { tags, body: RegistrationBody, response: { 200: RegistrationSaved, 201: RegistrationSaved, ...errors } },
    },
    async (request, reply) => {
      const caller = { actor: actorOf(request), device: request.device };
      const { registration, duplicates, created } = await createRegistration(ctx, caller, request.body, request.log);
      request.log.info({ registrationId: registration.id, created, duplicates: duplicates.length }, 'checkpoint registration stored');
      return reply.status(created ? 201 : 200).send({ registration, duplicates });
    },
  );

  app.post(
    '/batch',
    {
      config,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: { tags, body: RegistrationBatchBody, response: { 200: RegistrationBatchResult, ...errors } },
    },
    async (request) => {
      const locale = negotiateLocale(request.headers['accept-language']);
      const caller = { actor: actorOf(request), device: request.device };
      const results = await createRegistrationBatch(ctx, caller, request.body.items, locale, request.log);
      const rejected = results.filter((result) => result.status >= 400).length;
      request.log.info({ registrations: results.length, rejected }, 'checkpoint registration batch stored');
      return { results };
    },
  );
};
