import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { AuditList, AuditQuery, AuditVerification } from './schemas.js';
import { listAudit, verifyAudit } from './service.js';

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
      const from = filter.from ? new Date(filter.from).toISOString() : undefined;
      const to = filter.to ? new Date(filter.to).toISOString() : undefined;
      return listAudit(ctx, actorOf(request), { ...filter, from, to }, page, pageSize);
    },
  );

  app.post(
    '/verify',
    { config: { access: { kind: 'staff', roles: ['admin'] } }, schema: { tags, response: { 200: AuditVerification, ...STAFF_ERRORS } } },
    async (request) => {
      const result = await verifyAudit(ctx);
      request.log.info({ ok: result.ok, checked: result.checked, brokenAtSeq: result.brokenAtSeq }, 'audit chain verified');
      return result;
    },
  );
};
