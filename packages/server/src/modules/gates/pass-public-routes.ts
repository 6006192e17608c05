import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getPublicPass, getPublicPassCode } from './pass-links.js';

/**
 * Requests one client address may make per minute to the e-pass routes, on
 * top of the global public limit. The page requests a code about twice a
 * minute, and a family behind one address shows a few passes at once.
 * NOTE: @fastify/rate-limit counts in the memory of each instance, so behind
 * a load balancer with several instances an address gets this many per instance.
 */
const PASS_REQUESTS_PER_ADDRESS = 60;
const ONE_MINUTE_MS = 60_000;

const ErrorRef = Type.Ref('ErrorResponse');
const PUBLIC_ERRORS = { 400: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef };

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

const PublicPass = Type.Object({
  compoundName: Type.String(),
  holderName: Type.String(),
  serial: Type.String(),
  status: Type.Enum(['active', 'revoked', 'expired']),
  validUntil: Type.Union([Type.String(), Type.Null()]),
});

const PublicPassCode = Type.Object({ code: Type.String(), expiresAt: Type.String(), stepSeconds: Type.Integer() });

/**
 * Registers the routes of a resident's e-pass (/p/<token>): the token in the path is the only
 * credential, and only its keyed hash is stored. The holder's name is masked.
 * Logs carry pass ids, never tokens or codes.
 */
export const publicPassRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['public passes'];
  const config = {
    access: { kind: 'public' as const },
    fieldLabels: { token: 'passToken' },
    rateLimit: {
      max: PASS_REQUESTS_PER_ADDRESS,
      timeWindow: ONE_MINUTE_MS,
      keyGenerator: (request: { ip: string }) => `pass:${request.ip}`,
    },
  };

  app.get('/:token', { config, schema: { tags, params: TokenParams, response: { 200: PublicPass, ...PUBLIC_ERRORS } } }, async (request) =>
    getPublicPass(ctx, request.params.token),
  );

  app.get(
    '/:token/code',
    { config, schema: { tags, params: TokenParams, response: { 200: PublicPassCode, ...PUBLIC_ERRORS } } },
    async (request, reply) => {
      const { passId, ...code } = await getPublicPassCode(ctx, request.params.token);
      request.log.debug({ passId }, 'e-pass code shown');
      // A code is valid for seconds only: no cache may keep it.
      return reply.header('cache-control', 'no-store').send(code);
    },
  );
};
