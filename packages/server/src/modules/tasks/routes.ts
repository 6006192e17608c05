import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the tasks helper adds the routes.
export const taskRoutes: FastifyPluginAsyncTypebox = async () => {};
