import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/gate-admin (gates, devices, managers, vehicles, passes, key tracking).
export const gateAdminRoutes: FastifyPluginAsyncTypebox = async () => {};
