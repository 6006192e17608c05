import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { negotiateLocale } from '@cordon/core';
import { STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { attachmentDisposition } from './content-disposition.js';
import { PersonExportQuery } from './schemas.js';
import { OutputClosedError } from './workbook.js';
import { personExportFileName, startPersonExport, writePersonsWorkbook } from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Spreadsheet exports. Every staff role exports the person files of its
 * scope with masked numbers; office roles may export full numbers with a
 * reason. Each export is audited before it starts. Logs carry ids and
 * counts only.
 */
export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['exports'];

  app.get(
    '/persons.xlsx',
    {
      schema: {
        tags,
        querystring: PersonExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: { description: 'xlsx workbook, streamed', type: 'string', format: 'binary' }, ...STAFF_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { lang, ...query } = request.query;
      const locale = lang ?? negotiateLocale(request.headers['accept-language']);
      const options = await startPersonExport(ctx, actor, query, locale);

      // Headers go out before the first row, so a failure after this point
      // can only cut the download short: the client gets a truncated file.
      const body = new PassThrough();
      writePersonsWorkbook(ctx, options, body).then(
        (rows) => request.log.info({ rows, unmasked: options.unmasked }, 'person export finished'),
        (error: unknown) => {
          if (error instanceof OutputClosedError) {
            request.log.info({ rows: error.rowsWritten }, 'person export stopped: the client closed the connection');
            return;
          }
          request.log.error({ err: error }, 'person export failed');
          body.destroy(error instanceof Error ? error : new Error('person export failed'));
        },
      );

      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(personExportFileName(locale, options.unmasked)))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
