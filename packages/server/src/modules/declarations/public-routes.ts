import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiateLocale } from '@cordon/core';
import { Type } from 'typebox';
import { requestDeclarationCode, verifyDeclarationCode } from './codes.js';
import { getLinkState } from './public-state.js';
import {
  CodeRequestBody,
  CodeSent,
  CodeVerified,
  CodeVerifyBody,
  DeclarationBody,
  DeclarationSaved,
  LinkState,
  LinkStateQuery,
  TokenParams,
} from './schemas-public.js';
import { submitDeclaration } from './submit.js';

/**
 * Code requests one client address may make per 10 minutes, on top of the per-phone limits.
 * NOTE: @fastify/rate-limit counts in the memory of each instance, so behind a load balancer
 * with several instances an address gets this many per instance.
 */
const CODE_REQUESTS_PER_ADDRESS = 10;
/** Code entries one client address may make per 10 minutes. */
const CODE_VERIFICATIONS_PER_ADDRESS = 30;
const TEN_MINUTES_MS = 600_000;

const ErrorRef = Type.Ref('ErrorResponse');
const PUBLIC_ERRORS = { 400: ErrorRef, 401: ErrorRef, 409: ErrorRef, 429: ErrorRef };

/**
 * Declaring without an account: through a personal link, or a session opened
 * with a one-time code sent to the phone. The token in the path is the only
 * credential. Every route is rate-limited per client address (the global
 * public limit, and tighter ones on the code routes). Logs carry ids, never
 * tokens, codes or phone numbers.
 */
export const publicDeclarationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['public declarations'];
  const access = { kind: 'public' as const };

  app.get(
    '/link/:token',
    {
      config: { access },
      schema: { tags, params: TokenParams, querystring: LinkStateQuery, response: { 200: LinkState, ...PUBLIC_ERRORS } },
    },
    async (request) => getLinkState(ctx, request.params.token, request.query.personIndex),
  );

  app.post(
    '/code',
    {
      config: {
        access,
        rateLimit: { max: CODE_REQUESTS_PER_ADDRESS, timeWindow: TEN_MINUTES_MS, keyGenerator: (request) => `declare-code:${request.ip}` },
      },
      schema: { tags, body: CodeRequestBody, response: { 202: CodeSent, ...PUBLIC_ERRORS } },
    },
    async (request, reply) => {
      const locale = negotiateLocale(request.headers['accept-language']);
      const { sent, ...body } = await requestDeclarationCode(ctx, request.body.phone, locale);
      request.log.info({ sent }, 'declaration code requested');
      return reply.status(202).send(body);
    },
  );

  app.post(
    '/code/verify',
    {
      config: {
        access,
        rateLimit: {
          max: CODE_VERIFICATIONS_PER_ADDRESS,
          timeWindow: TEN_MINUTES_MS,
          keyGenerator: (request) => `declare-verify:${request.ip}`,
        },
      },
      schema: { tags, body: CodeVerifyBody, response: { 200: CodeVerified, ...PUBLIC_ERRORS } },
    },
    async (request) => {
      const verified = await verifyDeclarationCode(ctx, request.body.phone, request.body.code);
      request.log.info({ persons: verified.persons?.length ?? 1 }, 'declaration code verified');
      return verified;
    },
  );

  app.post(
    '/:token',
    {
      config: { access },
      schema: {
        tags,
        params: TokenParams,
        body: DeclarationBody,
        response: { 200: DeclarationSaved, 201: DeclarationSaved, ...PUBLIC_ERRORS },
      },
    },
    async (request, reply) => {
      const { declaration, abnormal, created, notices } = await submitDeclaration(ctx, request.id, request.params.token, request.body);
      request.log.info({ declarationId: declaration.id, created, late: declaration.late, abnormal }, 'declaration stored');
      if (notices.length > 0) {
        // The declaration, task and alert are committed; a failed announcement only delays the consoles until they reload.
        await ctx.events.announceAlerts(notices).catch((error: unknown) => {
          request.log.error({ err: error, alertIds: notices.map((notice) => notice.alertId) }, 'announcing declaration alerts failed');
        });
      }
      return reply.status(created ? 201 : 200).send({ declaration, abnormal });
    },
  );
};
