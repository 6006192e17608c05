import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the sites helper adds the routes.
export const siteRoutes: FastifyPluginAsyncTypebox = async () => {};
