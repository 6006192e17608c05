import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { readDeclarationSettings, updateDeclarationSettings } from './settings.js';
import { DeclarationSettingsResponse, UpdateDeclarationSettingsBody } from './settings-schemas.js';

/** Declaration windows, who must declare and how long links last: every staff role reads them, HQ and administrators change them. */
export const declarationSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['declarations'];

  app.get('/', { schema: { tags, response: { 200: DeclarationSettingsResponse, ...STAFF_ERRORS } } }, async () =>
    readDeclarationSettings(ctx.db),
  );

  app.put(
    '/',
    {
      config: { access: { kind: 'staff', roles: ['hq', 'admin'] } },
      schema: { tags, body: UpdateDeclarationSettingsBody, response: { 200: DeclarationSettingsResponse, ...STAFF_ERRORS } },
    },
    async (request) => {
      const settings = await updateDeclarationSettings(ctx, actorOf(request), request.body);
      request.log.info({ fields: Object.keys(request.body) }, 'declaration settings updated');
      return settings;
    },
  );
};
