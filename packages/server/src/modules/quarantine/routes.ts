import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the quarantine helper adds the routes.
export const quarantineRoutes: FastifyPluginAsyncTypebox = async () => {};
