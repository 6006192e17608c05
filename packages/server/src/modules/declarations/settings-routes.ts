import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the declarations helper adds the settings routes (windows, who must declare).
export const declarationSettingsRoutes: FastifyPluginAsyncTypebox = async () => {};
