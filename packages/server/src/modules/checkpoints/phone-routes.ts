import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: stub while the checkpoint module is being built.
export const checkpointPhoneRoutes: FastifyPluginAsyncTypebox = async () => {};
