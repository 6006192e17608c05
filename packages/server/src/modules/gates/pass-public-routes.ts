import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/public/passes (e-pass holder page).
export const publicPassRoutes: FastifyPluginAsyncTypebox = async () => {};
