import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { getPhoneContext, lookupDuplicates, searchDestinations } from './phone.js';
import {
  DestinationList,
  DestinationQuery,
  DuplicateList,
  DuplicatesQuery,
  PhoneContext,
  PhoneContextQuery,
} from './registration-schemas.js';

/** Checkpoint phones send their device key; an officer may use his own session instead. */
export const PHONE_ACCESS = { kind: 'device_or_staff' as const, roles: ['checkpoint_officer'] as const };

/**
 * Registers the checkpoint phone's reads: its context (checkpoint, roster,
 * risk entries, transfer sites), the lookup of earlier registrations and the
 * destination search. Logs carry ids only, never plates or document numbers.
 */
export const checkpointPhoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['checkpoint phone'];
  const config = { access: PHONE_ACCESS };

  app.get(
    '/context',
    { config, schema: { tags, querystring: PhoneContextQuery, response: { 200: PhoneContext, ...STAFF_ERRORS } } },
    async (request) => getPhoneContext(ctx, { actor: actorOf(request), device: request.device }, request.query.checkpointId),
  );

  app.get(
    '/duplicates',
    { config, schema: { tags, querystring: DuplicatesQuery, response: { 200: DuplicateList, ...STAFF_ERRORS } } },
    async (request) => ({ items: await lookupDuplicates(ctx, { actor: actorOf(request), device: request.device }, request.query) }),
  );

  app.get(
    '/destinations',
    { config, schema: { tags, querystring: DestinationQuery, response: { 200: DestinationList, ...STAFF_ERRORS } } },
    async (request) => {
      const caller = { actor: actorOf(request), device: request.device };
      return { items: await searchDestinations(ctx, caller, request.query.q, request.query.limit ?? 20) };
    },
  );
};
