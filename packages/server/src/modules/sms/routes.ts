import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { OutboxList, OutboxQuery } from './schemas.js';
import { listOutbox } from './service.js';

/**
 * Serves the local SMS outbox to administrators only, because the bodies carry
 * live declaration links and one-time codes. Rows are limited to the caller's
 * subtree like every jurisdiction-bound list.
 */
export const smsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['sms'];
  const config = { access: { kind: 'staff' as const, roles: ['admin'] as const } };

  app.get(
    '/outbox',
    { config, schema: { tags, querystring: OutboxQuery, response: { 200: OutboxList, ...STAFF_ERRORS } } },
    async (request) => listOutbox(ctx, actorOf(request), request.query),
  );
};
