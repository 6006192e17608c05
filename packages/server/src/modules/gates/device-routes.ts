import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/gate-events (device posts).
export const gateDeviceRoutes: FastifyPluginAsyncTypebox = async () => {};
