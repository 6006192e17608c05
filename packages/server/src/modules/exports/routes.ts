import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { negotiateLocale } from '@cordon/core';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { attachmentDisposition } from './content-disposition.js';
import { registrationExportFileName, startRegistrationExport, writeRegistrationsWorkbook } from '../checkpoints/export.js';
import { CHECKPOINT_VIEWER_ROLES } from '../checkpoints/read-schemas.js';
import { PersonExportQuery, RegistrationExportQuery } from './schemas.js';
import { OutputClosedError } from './workbook.js';
import { personExportFileName, startPersonExport, writePersonsWorkbook } from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const XLSX_RESPONSE = { 200: { description: 'xlsx workbook, streamed', type: 'string', format: 'binary' }, ...STAFF_ERRORS };

/**
 * Sends a workbook that `write` streams into the reply. Headers go out before
 * the first row, so a failure after this point can only cut the download
 * short: the client gets a truncated file, and the log names the export.
 */
function sendWorkbook(
  reply: FastifyReply,
  log: FastifyBaseLogger,
  file: { name: string; label: string; facts?: Record<string, unknown> },
  write: (output: PassThrough) => Promise<number>,
) {
  const body = new PassThrough();
  write(body).then(
    (rows) => log.info({ rows, ...file.facts }, `${file.label} finished`),
    (error: unknown) => {
      if (error instanceof OutputClosedError) {
        log.info({ rows: error.rowsWritten }, `${file.label} stopped: the client closed the connection`);
        return;
      }
      log.error({ err: error }, `${file.label} failed`);
      body.destroy(error instanceof Error ? error : new Error(`${file.label} failed`));
    },
  );

  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachmentDisposition(file.name))
    .header('cache-control', 'no-store')
    .send(body);
}

/**
 * Spreadsheet exports. Every staff role exports the person files of its
 * scope with masked numbers; office roles may export full numbers with a
 * reason. Checkpoint viewers export the registrations they may list, masked.
 * Each export is audited before it starts. Logs carry ids and counts only.
 */
export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['exports'];

  app.get(
    '/persons.xlsx',
    { schema: { tags, querystring: PersonExportQuery, produces: [XLSX_TYPE], response: XLSX_RESPONSE } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { lang, ...query } = request.query;
      const locale = lang ?? negotiateLocale(request.headers['accept-language']);
      const options = await startPersonExport(ctx, actor, query, locale);
      const file = { name: personExportFileName(locale, options.unmasked), label: 'person export', facts: { unmasked: options.unmasked } };
      return sendWorkbook(reply, request.log, file, (output) => writePersonsWorkbook(ctx, options, output));
    },
  );

  app.get(
    '/checkpoint-registrations.xlsx',
    {
      config: { access: { kind: 'staff', roles: CHECKPOINT_VIEWER_ROLES } },
      schema: { tags, querystring: RegistrationExportQuery, produces: [XLSX_TYPE], response: XLSX_RESPONSE },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const locale = lang ?? negotiateLocale(request.headers['accept-language']);
      const options = await startRegistrationExport(ctx, actorOf(request), query, locale);
      const file = { name: registrationExportFileName(locale), label: 'checkpoint registration export' };
      return sendWorkbook(reply, request.log, file, (output) => writeRegistrationsWorkbook(ctx, options, output));
    },
  );
};
