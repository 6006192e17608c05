import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the declarations helper adds the public routes (link, one-time code, declaring).
export const publicDeclarationRoutes: FastifyPluginAsyncTypebox = async () => {};
