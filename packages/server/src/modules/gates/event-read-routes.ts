import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/gate-events (console reads).
export const gateEventReadRoutes: FastifyPluginAsyncTypebox = async () => {};
