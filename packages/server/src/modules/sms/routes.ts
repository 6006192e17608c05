import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the sms-jobs helper adds the outbox routes.
export const smsRoutes: FastifyPluginAsyncTypebox = async () => {};
