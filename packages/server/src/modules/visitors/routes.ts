import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { publicOriginOf } from '../declarations/reminders-links.js';
import { GATE_VIEWER_ROLES } from '../gates/roles.js';
import { RegisteredVisitor, RegisterVisitorBody, Visitor, VisitorList, VisitorListQuery } from './schemas.js';
import { getVisitor, listVisitors, registerVisitor } from './service.js';

/**
 * Visitor registration (来访登记) at a gate, the visitor's status for the
 * volunteer's phone, and the daily list. A gate guard reaches the compounds he
 * manages, other staff those of their scope. Logs carry ids only.
 */
export const visitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['visitors'];
  const config = { access: { kind: 'staff' as const, roles: GATE_VIEWER_ROLES } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.post(
    '/',
    { config, schema: { tags, body: RegisterVisitorBody, response: { 201: RegisteredVisitor, ...errors } } },
    async (request, reply) => {
      const { alerted, ...registered } = await registerVisitor(
        ctx,
        actorOf(request),
        request.body,
        publicOriginOf(request, ctx.config.publicUrl),
      );
      const fields = { visitorId: registered.id, status: registered.status, smsSent: registered.smsSent, alerted };
      if (registered.status === 'waiting' && !registered.smsSent) request.log.error(fields, 'visitor confirmation SMS not sent');
      else request.log.info(fields, 'visitor registered');
      return reply.status(201).send(registered);
    },
  );

  app.get('/', { config, schema: { tags, querystring: VisitorListQuery, response: { 200: VisitorList, ...errors } } }, async (request) => ({
    items: await listVisitors(ctx, actorOf(request), request.query.compoundId, request.query.date),
  }));

  app.get('/:id', { config, schema: { tags, params: IdParams, response: { 200: Visitor, ...errors } } }, async (request) =>
    getVisitor(ctx, actorOf(request), request.params.id),
  );
};
