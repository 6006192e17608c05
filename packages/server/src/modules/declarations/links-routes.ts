import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// TODO: the declarations helper adds the staff routes of personal declaration links.
export const declarationLinkRoutes: FastifyPluginAsyncTypebox = async () => {};
