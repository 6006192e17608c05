import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/visitors (visitor registration).
export const visitorRoutes: FastifyPluginAsyncTypebox = async () => {};
