import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors/app-error.js';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { ROOT_PATH } from '../jurisdictions/repository.js';
import { AuditList, AuditQuery, AuditVerification } from './schemas.js';
import { listAudit, verifyAudit } from './service.js';

/**
 * Converts a date-time of the query to UTC. The date-time format admits
 * values that JavaScript cannot represent, such as a leap second (…T23:59:60Z).
 */
function toUtcIso(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppError('FIELD_FORMAT_INVALID', field);
  return new Date(time).toISOString();
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['audit'];

  app.get(
    '',
    {
      config: { access: { kind: 'staff', roles: ['admin', 'hq'] } },
      schema: { tags, querystring: AuditQuery, response: { 200: AuditList, ...STAFF_ERRORS } },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filter } = request.query;
      // Query strings carry ISO times with any offset; rows store UTC, so compare in UTC.
      const from = toUtcIso(filter.from, 'from');
      const to = toUtcIso(filter.to, 'to');
      return listAudit(ctx, actorOf(request), { ...filter, from, to }, page, pageSize);
    },
  );

  app.post(
    '/verify',
    { config: { access: { kind: 'staff', roles: ['admin'] } }, schema: { tags, response: { 200: AuditVerification, ...STAFF_ERRORS } } },
    async (request) => {
      // The chain spans every area, so only an administrator on the root may walk it.
      if (actorOf(request).scope.nodePath !== ROOT_PATH) throw new AppError('FORBIDDEN');
      const result = await verifyAudit(ctx);
      request.log.info({ ok: result.ok, checked: result.checked, brokenAtSeq: result.brokenAtSeq }, 'audit chain verified');
      return result;
    },
  );
};
