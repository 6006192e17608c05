import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { GATE_MANAGER_ROLES } from '../gates/roles.js';
import { watchAnnouncedAlerts } from './announced-alerts.js';
import { useNotifierLogger } from './log.js';
import { CreateWebhookBody, UpdateWebhookBody, WebhookItem, WebhookList, WebhookListQuery, WebhookTestResult } from './schemas.js';
import { changeWebhook, createWebhook, listWebhooks, removeWebhook, testWebhook } from './service.js';

/**
 * Outgoing webhooks of compounds and jurisdictions (WeChat Work and DingTalk
 * robots, generic receivers). The plugin also starts the watcher that sends a
 * gate alert's SMS and first deliveries once the alert is announced. Logs
 * carry ids and status codes, never a URL or a secret.
 */
export const notifierWebhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['notifier'];
  const config = { access: { kind: 'staff' as const, roles: GATE_MANAGER_ROLES } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400], 502: STAFF_ERRORS[400] };

  useNotifierLogger(ctx, app.log);
  const stopWatching = watchAnnouncedAlerts(ctx);
  app.addHook('onClose', async () => stopWatching());

  app.get('/', { config, schema: { tags, querystring: WebhookListQuery, response: { 200: WebhookList, ...errors } } }, async (request) => ({
    items: await listWebhooks(ctx, actorOf(request), request.query),
  }));

  app.post(
    '/',
    { config, schema: { tags, body: CreateWebhookBody, response: { 201: WebhookItem, ...errors } } },
    async (request, reply) => {
      const webhook = await createWebhook(ctx, actorOf(request), request.body);
      request.log.info({ webhookId: webhook.id, kind: webhook.kind }, 'webhook created');
      return reply.status(201).send(webhook);
    },
  );

  app.patch(
    '/:id',
    { config, schema: { tags, params: IdParams, body: UpdateWebhookBody, response: { 200: WebhookItem, ...errors } } },
    async (request) => changeWebhook(ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete('/:id', { config, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await removeWebhook(ctx, actorOf(request), request.params.id);
    request.log.info({ webhookId: request.params.id }, 'webhook deleted');
    return reply.status(204).send(null);
  });

  app.post(
    '/:id/test',
    { config, schema: { tags, params: IdParams, response: { 200: WebhookTestResult, ...errors } } },
    async (request) => {
      const result = await testWebhook(ctx, actorOf(request), request.params.id);
      request.log.info({ webhookId: request.params.id, statusCode: result.statusCode }, 'webhook test sent');
      return result;
    },
  );
};
