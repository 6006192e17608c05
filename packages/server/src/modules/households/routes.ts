import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const householdRoutes: FastifyPluginAsyncTypebox = async () => {};
