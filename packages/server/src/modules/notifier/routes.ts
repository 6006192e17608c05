import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/notifier-webhooks (webhooks).
export const notifierWebhookRoutes: FastifyPluginAsyncTypebox = async () => {};
