import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const screeningRoutes: FastifyPluginAsyncTypebox = async () => {};
