import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const riskRegionRoutes: FastifyPluginAsyncTypebox = async () => {};
