import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the alerts helper adds the routes.
export const alertRoutes: FastifyPluginAsyncTypebox = async () => {};
