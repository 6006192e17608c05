import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: routes under /api/gate-rules (rules).
export const gateRuleRoutes: FastifyPluginAsyncTypebox = async () => {};
