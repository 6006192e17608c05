import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cleanName, negotiateLocale } from '@cordon/core';
import type { FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { actorOf } from '../../plugins/auth.js';
import { IMPORT_LIMITS } from './limits.js';
import { CommitResult, ImportList, ImportListQuery, ImportPreview, TemplateQuery, UploadFields } from './schemas.js';
import { commitImport, createImport, getImportForErrors, getImportPreview, listImports, readErrorRows } from './service.js';
import { attachmentHeader, buildTemplate, SHEET_TITLES, writeErrorWorkbook } from './workbooks.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_FILE_NAME_LENGTH = 200;
const MEBIBYTE = 1024 * 1024;

interface ReceivedUpload {
  fields: Record<string, string>;
  fileName: string;
  filePath: string;
}

/**
 * Maps the errors of reading a multipart body to catalogue codes: those of
 * @fastify/multipart (FST_ codes) and the plain errors of its parser, busboy,
 * on a malformed body ("Unexpected end of multipart data"). An error of the
 * file system (it has a `syscall`) stays a server error.
 */
function uploadErrorOf(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!(error instanceof Error) || 'syscall' in error) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('IMPORT_FILE_TOO_LARGE', 'file', { limit: IMPORT_LIMITS.maxFileBytes / MEBIBYTE });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('IMPORT_UPLOAD_NOT_MULTIPART');
  return new AppError('IMPORT_UPLOAD_INVALID', 'file');
}

/**
 * Reduces the name a browser sends to the file's own name: without a folder
 * (old browsers on Windows send "C:\\Users\\...\\名单.xlsx"), control and
 * invisible characters, and with at most the last 200 characters, so the
 * extension stays.
 */
function uploadFileNameOf(sent: string | undefined): string {
  const name = cleanName(path.win32.basename(sent ?? ''));
  return Array.from(name || 'upload')
    .slice(-MAX_FILE_NAME_LENGTH)
    .join('');
}

/**
 * Streams the multipart body to a temporary folder: fields `kind` and
 * `communityCode` and one part `file`, in any order. The file never sits
 * in memory, and the size limit stops the stream at the first byte over it.
 */
async function receiveUpload(request: FastifyRequest, folder: string): Promise<ReceivedUpload> {
  const fields: Record<string, string> = {};
  let received: { fileName: string; filePath: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || received) {
        part.file.resume();
        continue;
      }
      const filePath = path.join(folder, 'upload');
      await pipeline(part.file, fs.createWriteStream(filePath));
      received = { fileName: uploadFileNameOf(part.filename), filePath };
    }
  } catch (error) {
    throw uploadErrorOf(error) ?? error;
  }
  if (!received) throw new AppError('FIELD_REQUIRED', 'file');
  return { fields, ...received };
}

function checkUploadFields(fields: Record<string, string>): UploadFields {
  if (!fields.kind) throw new AppError('FIELD_REQUIRED', 'kind');
  if (!Value.Check(UploadFields.properties.kind, fields.kind)) throw new AppError('FIELD_NOT_ALLOWED', 'kind');
  if (!fields.communityCode) throw new AppError('FIELD_REQUIRED', 'communityCode');
  if (!Value.Check(UploadFields.properties.communityCode, fields.communityCode))
    throw new AppError('FIELD_FORMAT_INVALID', 'communityCode');
  return { kind: fields.kind as UploadFields['kind'], communityCode: fields.communityCode };
}

/**
 * Roster imports: template, upload and preview, the error workbook, and the
 * commit. Office roles only. Logs carry ids and counts, never cell values.
 */
export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered here, so only the import routes accept multipart bodies.
  // Other bodies pass unparsed, so the upload route can reject them with its own message instead of "send JSON".
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  await app.register(multipart, {
    limits: { fileSize: IMPORT_LIMITS.maxFileBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    throwFileSizeLimit: true,
  });

  const ctx = app.services;
  const tags = ['imports'];
  const config = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400], 413: STAFF_ERRORS[400] };

  app.get('/template', { config, schema: { tags, querystring: TemplateQuery, produces: [XLSX_TYPE] } }, async (request, reply) => {
    const { kind } = request.query;
    const workbook = await buildTemplate(kind);
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachmentHeader(`${SHEET_TITLES[kind]}模板.xlsx`, `${kind}-template.xlsx`))
      .send(workbook);
  });

  app.post(
    '',
    { config, schema: { tags, consumes: ['multipart/form-data'], response: { 201: ImportPreview, ...errors } } },
    async (request, reply) => {
      const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cordon-import-'));
      try {
        const upload = await receiveUpload(request, folder);
        const fields = checkUploadFields(upload.fields);
        const locale = negotiateLocale(request.headers['accept-language']);
        const preview = await createImport(
          ctx,
          actorOf(request),
          { ...fields, fileName: upload.fileName, filePath: upload.filePath },
          locale,
        );
        request.log.info({ importId: preview.id, kind: preview.kind, totals: preview.totals }, 'import previewed');
        return reply.status(201).send(preview);
      } finally {
        await fs.promises.rm(folder, { recursive: true, force: true });
      }
    },
  );

  app.get('', { config, schema: { tags, querystring: ImportListQuery, response: { 200: ImportList, ...errors } } }, async (request) => {
    const { page = 1, pageSize = 20, communityCode } = request.query;
    return listImports(ctx, actorOf(request), communityCode, page, pageSize);
  });

  app.get('/:id', { config, schema: { tags, params: IdParams, response: { 200: ImportPreview, ...errors } } }, async (request) =>
    getImportPreview(ctx, actorOf(request), request.params.id, negotiateLocale(request.headers['accept-language'])),
  );

  app.get('/:id/errors.xlsx', { config, schema: { tags, params: IdParams, produces: [XLSX_TYPE] } }, async (request, reply) => {
    const actor = actorOf(request);
    const locale = negotiateLocale(request.headers['accept-language']);
    const record = await getImportForErrors(ctx, actor, request.params.id);
    const output = new PassThrough();
    writeErrorWorkbook(output, record.columns, readErrorRows(ctx, actor, request.params.id), locale).catch((error: unknown) => {
      request.log.error({ err: error, importId: request.params.id }, 'error workbook failed');
      output.destroy(error as Error);
    });
    const baseName = record.fileName.replace(/\.[^.]*$/, '');
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachmentHeader(`${baseName}-错误行.xlsx`, `import-${record.kind}-errors.xlsx`))
      .send(output);
  });

  app.post('/:id/commit', { config, schema: { tags, params: IdParams, response: { 200: CommitResult, ...errors } } }, async (request) => {
    const result = await commitImport(ctx, actorOf(request), request.params.id);
    request.log.info({ importId: request.params.id, ...result }, 'import committed');
    return result;
  });
};
