import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decideConfirmation, getConfirmation } from './confirmation.js';
import { Confirmation, ConfirmationParams, DecisionBody, DecisionResult } from './schemas.js';

/** Answers one client address may send per 10 minutes, on top of the global public limit. */
const DECISIONS_PER_ADDRESS = 30;
const TEN_MINUTES_MS = 600_000;

const ErrorRef = Type.Ref('ErrorResponse');
const PUBLIC_ERRORS = { 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 410: ErrorRef, 429: ErrorRef };

/**
 * The host's confirmation page: the token in the path is the only
 * credential. Rate-limited per client address; logs carry the visitor id,
 * never the token.
 */
export const publicVisitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['public visitors'];
  const access = { kind: 'public' as const };

  app.get(
    '/:token',
    { config: { access }, schema: { tags, params: ConfirmationParams, response: { 200: Confirmation, ...PUBLIC_ERRORS } } },
    async (request) => getConfirmation(ctx, request.params.token),
  );

  app.post(
    '/:token',
    {
      config: {
        access,
        rateLimit: { max: DECISIONS_PER_ADDRESS, timeWindow: TEN_MINUTES_MS, keyGenerator: (request) => `visitor-decision:${request.ip}` },
      },
      schema: { tags, params: ConfirmationParams, body: DecisionBody, response: { 200: DecisionResult, ...PUBLIC_ERRORS } },
    },
    async (request) => {
      const { status, visitorId } = await decideConfirmation(ctx, request.params.token, request.body.decision, request.id);
      request.log.info({ visitorId, status }, 'host decided on the visitor');
      return { status };
    },
  );
};
