import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the declarations helper adds the routes.
export const declarationRoutes: FastifyPluginAsyncTypebox = async () => {};
