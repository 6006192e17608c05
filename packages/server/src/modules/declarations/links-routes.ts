import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { createDeclarationLink, listDeclarationLinks, revokeDeclarationLink } from './links.js';
import { CreateLinkBody, DeclarationLink, DeclarationLinkList, LinkListQuery } from './links-schemas.js';

/**
 * Returns the origin of the links sent by SMS. CORDON_PUBLIC_URL comes first,
 * because behind a proxy the console's address may not be the one residents
 * reach. Without it, the origin the staff member's browser used.
 */
function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Personal declaration links: created and sent by SMS, listed per person, revoked. Logs carry ids only. */
export const declarationLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['declarations'];
  const write = {
    access: { kind: 'staff' as const, roles: ['community_staff', 'grid_worker', 'doctor', 'subdistrict_staff', 'admin'] as const },
  };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get('/', { schema: { tags, querystring: LinkListQuery, response: { 200: DeclarationLinkList, ...errors } } }, async (request) =>
    listDeclarationLinks(ctx, actorOf(request), request.query.personId),
  );

  app.post(
    '/',
    { config: write, schema: { tags, body: CreateLinkBody, response: { 201: DeclarationLink, ...errors } } },
    async (request, reply) => {
      const link = await createDeclarationLink(ctx, actorOf(request), request.body.personId, originOf(request, ctx.config.publicUrl));
      request.log.info({ linkId: link.id, personId: link.personId }, 'declaration link sent');
      return reply.status(201).send(link);
    },
  );

  app.delete(
    '/:id',
    { config: write, schema: { tags, params: IdParams, response: { 200: DeclarationLink, ...errors } } },
    async (request) => {
      const link = await revokeDeclarationLink(ctx, actorOf(request), request.params.id);
      request.log.info({ linkId: link.id }, 'declaration link revoked');
      return link;
    },
  );
};
