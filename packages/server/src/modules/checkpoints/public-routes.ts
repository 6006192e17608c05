import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { exchangeEnrolment } from './enrolment.js';
import { EnrolmentExchange, ExchangeEnrolmentBody } from './schemas.js';

/**
 * Enrolments one client address may exchange per 10 minutes, on top of the global public limit.
 * NOTE: @fastify/rate-limit counts in the memory of each instance, so behind a load balancer
 * with several instances an address gets this many per instance.
 */
const ENROLMENTS_PER_ADDRESS = 20;
const TEN_MINUTES_MS = 600_000;

const ErrorRef = Type.Ref('ErrorResponse');

/**
 * Registers the public enrolment route: a checkpoint phone scans the console's QR code and exchanges its one-time
 * token for a device key. The token is the only credential. Logs carry ids,
 * never the token or the key.
 */
export const publicCheckpointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;

  app.post(
    '/',
    {
      config: {
        access: { kind: 'public' },
        fieldLabels: { token: 'enrolmentToken' },
        rateLimit: { max: ENROLMENTS_PER_ADDRESS, timeWindow: TEN_MINUTES_MS, keyGenerator: (request) => `checkpoint-enrol:${request.ip}` },
      },
      schema: {
        tags: ['public checkpoint enrolment'],
        body: ExchangeEnrolmentBody,
        response: { 201: EnrolmentExchange, 400: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const result = await exchangeEnrolment(ctx, request.id, request.body.token);
      request.log.info({ deviceId: result.device.id, checkpointId: result.checkpoint.id }, 'checkpoint phone enrolled');
      return reply.status(201).send(result);
    },
  );
};
