import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { AppError } from '../../errors/app-error.js';

/** Liveness and readiness probes for load balancers; no authentication and no rate limit. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: { kind: 'public' }, rateLimit: false },
      schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: { kind: 'public' }, rateLimit: false },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]) }),
          503: Type.Ref('ErrorResponse'),
        },
      },
    },
    async (request) => {
      try {
        await sql`SELECT 1`.execute(app.services.db);
      } catch (error) {
        request.log.error({ err: error }, 'database not reachable');
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      return { status: 'ready' as const, database: app.services.dbKind };
    },
  );
};
