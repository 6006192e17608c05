import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/public/visitor-confirmations (host confirmation).
export const publicVisitorRoutes: FastifyPluginAsyncTypebox = async () => {};
