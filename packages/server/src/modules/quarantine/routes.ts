import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdParams, STAFF_ERRORS } from '../../http/common-schemas.js';
import { actorOf } from '../../plugins/auth.js';
import { attachmentDisposition } from '../exports/content-disposition.js';
import { endActiveQuarantineEarly, extendActiveQuarantine, releaseActiveQuarantine, startQuarantine } from './lifecycle.js';
import { type NoticePdf, prepareNoticePdf, prepareReleaseNoticesPdf } from './notices.js';
import { addQuarantineObservation, listQuarantineObservations } from './observations.js';
import {
  CalendarQuery,
  CalendarResult,
  EndEarlyBody,
  EndingList,
  EndingQuery,
  ExtendQuarantineBody,
  Observation,
  ObservationBody,
  ObservationList,
  QuarantineDetail,
  QuarantineList,
  QuarantineListQuery,
  ReleaseBody,
  ReleaseNoticesQuery,
  StartQuarantineBody,
} from './schemas.js';
import { getCalendar, getQuarantine, listEnding, listQuarantines } from './service.js';

const PDF = { description: 'PDF document, streamed', type: 'string', format: 'binary' } as const;

/** Sends a notice PDF as a download; the pages are written while the response streams. */
function sendPdf(request: FastifyRequest, reply: FastifyReply, pdf: NoticePdf) {
  pdf.write().catch((error: unknown) => {
    request.log.error({ err: error }, 'quarantine notice PDF failed');
    pdf.document.destroy(error instanceof Error ? error : new Error('quarantine notice PDF failed'));
  });
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(pdf.fileName))
    .header('cache-control', 'no-store')
    .send(pdf.document);
}

/**
 * Home quarantine (居家隔离). Every staff role reads its scope and prints
 * notices; office roles start, extend and end quarantines; doctors also
 * release and record observations. Logs carry ids only.
 */
export const quarantineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['quarantine'];
  const manage = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff'] as const } };
  const medical = { access: { kind: 'staff' as const, roles: ['admin', 'subdistrict_staff', 'community_staff', 'doctor'] as const } };
  const errors = { ...STAFF_ERRORS, 409: STAFF_ERRORS[400] };

  app.get('', { schema: { tags, querystring: QuarantineListQuery, response: { 200: QuarantineList, ...errors } } }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return listQuarantines(ctx, actorOf(request), filter, page, pageSize);
  });

  app.post(
    '',
    { config: manage, schema: { tags, body: StartQuarantineBody, response: { 201: QuarantineDetail, ...errors } } },
    async (request, reply) => {
      const quarantine = await startQuarantine(ctx, actorOf(request), request.body);
      request.log.info({ quarantineId: quarantine.id, personId: quarantine.personId }, 'home quarantine started');
      return reply.status(201).send(quarantine);
    },
  );

  app.get('/calendar', { schema: { tags, querystring: CalendarQuery, response: { 200: CalendarResult, ...errors } } }, async (request) =>
    getCalendar(ctx, actorOf(request), request.query),
  );

  app.get('/ending', { schema: { tags, querystring: EndingQuery, response: { 200: EndingList, ...errors } } }, async (request) => {
    const { page = 1, pageSize = 20, ...query } = request.query;
    return listEnding(ctx, actorOf(request), query, page, pageSize);
  });

  app.get(
    '/release-notices.pdf',
    { schema: { tags, querystring: ReleaseNoticesQuery, response: { 200: PDF, ...errors } } },
    async (request, reply) => {
      const pdf = await prepareReleaseNoticesPdf(ctx, actorOf(request), request.query);
      request.log.info({ day: request.query.day, notices: pdf.count }, 'release notices printed');
      return sendPdf(request, reply, pdf);
    },
  );

  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: QuarantineDetail, ...errors } } }, async (request) =>
    getQuarantine(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/:id/extend',
    { config: medical, schema: { tags, params: IdParams, body: ExtendQuarantineBody, response: { 200: QuarantineDetail, ...errors } } },
    async (request) => {
      const quarantine = await extendActiveQuarantine(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ quarantineId: quarantine.id, days: request.body.days }, 'home quarantine extended');
      return quarantine;
    },
  );

  app.post(
    '/:id/end-early',
    { config: manage, schema: { tags, params: IdParams, body: EndEarlyBody, response: { 200: QuarantineDetail, ...errors } } },
    async (request) => {
      const quarantine = await endActiveQuarantineEarly(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ quarantineId: quarantine.id }, 'home quarantine ended early');
      return quarantine;
    },
  );

  app.post(
    '/:id/release',
    { config: medical, schema: { tags, params: IdParams, body: ReleaseBody, response: { 200: QuarantineDetail, ...errors } } },
    async (request) => {
      const quarantine = await releaseActiveQuarantine(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ quarantineId: quarantine.id }, 'home quarantine released');
      return quarantine;
    },
  );

  app.get('/:id/observations', { schema: { tags, params: IdParams, response: { 200: ObservationList, ...errors } } }, async (request) =>
    listQuarantineObservations(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/:id/observations',
    { config: medical, schema: { tags, params: IdParams, body: ObservationBody, response: { 201: Observation, ...errors } } },
    async (request, reply) => {
      const observation = await addQuarantineObservation(ctx, actorOf(request), request.params.id, request.body);
      request.log.info({ quarantineId: request.params.id, observationId: observation.id }, 'quarantine observation recorded');
      return reply.status(201).send(observation);
    },
  );

  app.get('/:id/notice.pdf', { schema: { tags, params: IdParams, response: { 200: PDF, ...errors } } }, async (request, reply) => {
    const pdf = await prepareNoticePdf(ctx, actorOf(request), request.params.id, 'notice');
    request.log.info({ quarantineId: request.params.id }, 'home quarantine notice printed');
    return sendPdf(request, reply, pdf);
  });

  app.get('/:id/release-notice.pdf', { schema: { tags, params: IdParams, response: { 200: PDF, ...errors } } }, async (request, reply) => {
    const pdf = await prepareNoticePdf(ctx, actorOf(request), request.params.id, 'release');
    request.log.info({ quarantineId: request.params.id }, 'release notice printed');
    return sendPdf(request, reply, pdf);
  });
};
