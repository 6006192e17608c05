import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf, sessionOf } from '../../plugins/auth.js';
import { AlertCounts, AlertItem, AlertList, AlertListQuery, ResolveBody, StreamQuery } from './schemas.js';
import { acknowledgeAlert, countAlerts, getAlert, listAlerts, resolveAlert } from './service.js';
import { createStreamHub, parseCursor } from './stream.js';

/**
 * Registers the alert centre. Every staff role reads, acknowledges and
 * resolves the alerts of its subtree, and keeps a server-sent-event stream
 * open for new ones. Logs carry ids only.
 */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['alerts'];
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  const hub = createStreamHub(ctx, app.log);
  // Open streams never end by themselves, so they are ended before the server
  // waits for its connections to close.
  app.addHook('preClose', async () => hub.closeAll());

  app.get('/', { schema: { tags, querystring: AlertListQuery, response: { 200: AlertList, ...errors } } }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return listAlerts(ctx, actorOf(request), filter, page, pageSize);
  });

  app.get('/counts', { schema: { tags, response: { 200: AlertCounts, ...errors } } }, async (request) =>
    countAlerts(ctx, actorOf(request)),
  );

  app.get(
    '/stream',
    {
      schema: {
        tags,
        description: 'Server-sent events: `alert` for a new alert in scope, `alert-updated` after a change of status.',
        querystring: StreamQuery,
        produces: ['text/event-stream'],
        response: errors,
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const lastEventId = request.headers['last-event-id'];
      const since = parseCursor(typeof lastEventId === 'string' ? lastEventId : undefined) ?? parseCursor(request.query.since);
      const body = hub.open(session, since);
      request.log.info({ userId: session.user.id, streams: hub.size, resend: since !== null }, 'alert stream opened');
      body.on('close', () => request.log.info({ userId: session.user.id }, 'alert stream closed'));
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .header('x-accel-buffering', 'no')
          // Without keep-alive the socket closes when the stream ends, so a
          // server shutting down does not wait for the browser to drop an idle connection.
          .header('connection', 'close')
          .send(body)
      );
    },
  );

  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: AlertItem, ...errors } } }, async (request) =>
    getAlert(ctx, actorOf(request), request.params.id),
  );

  app.post('/:id/acknowledge', { schema: { tags, params: IdParams, response: { 200: AlertItem, ...errors } } }, async (request) => {
    const alert = await acknowledgeAlert(ctx, actorOf(request), request.params.id);
    request.log.info({ alertId: alert.id }, 'alert acknowledged');
    return alert;
  });

  app.post(
    '/:id/resolve',
    { schema: { tags, params: IdParams, body: ResolveBody, response: { 200: AlertItem, ...errors } } },
    async (request) => {
      const alert = await resolveAlert(ctx, actorOf(request), request.params.id, request.body.note);
      request.log.info({ alertId: alert.id }, 'alert resolved');
      return alert;
    },
  );
};
