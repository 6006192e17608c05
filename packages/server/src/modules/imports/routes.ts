import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const importRoutes: FastifyPluginAsyncTypebox = async () => {};
