import { negotiateLocale } from '@cordon/core';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.js';
import { MAX_BODY_DEPTH, findForbiddenKey, findNestingViolation } from '../../http/json-body.js';
import { authenticateDevice } from '../devices/service.js';
import { type DeviceGate, requireDeviceGate } from './event-gate.js';
import { GATE_FORMAT_ADAPTERS } from './formats/index.js';
import { type MultipartLimits, readMultipartParts } from './formats/multipart.js';
import { XML_MAX_BYTES } from './formats/xml.js';
import type { GateEventOutcome, GateFormatAdapter } from './formats/types.js';
import { ingestGateEvent } from './ingest.js';

/** Largest body of any device format: a multipart or JSON post with a few JPEG pictures. */
export const DEVICE_BODY_LIMIT = 2 * 1_048_576;
/** Largest XML body without pictures: an ANPR notification is a few kilobytes. */
export const DEVICE_XML_LIMIT = XML_MAX_BYTES;
/** A Hikvision multipart post: the XML part and a few pictures, within the same 2 MiB as a JSON post. */
export const DEVICE_MULTIPART_LIMITS: MultipartLimits = {
  parts: 16,
  fileSize: DEVICE_BODY_LIMIT,
  fieldSize: DEVICE_XML_LIMIT,
  total: DEVICE_BODY_LIMIT,
};

const boundGates = new WeakMap<FastifyRequest, DeviceGate>();

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-device-key'];
  if (typeof header === 'string' && header !== '') return header;
  // Cameras that cannot set a header put the key in the push URL; the request log never includes query strings.
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.key === 'string' && query.key !== '' ? query.key : undefined;
}

function parseJsonBody(body: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AppError('BODY_INVALID_JSON');
  }
  if (findNestingViolation(value, MAX_BODY_DEPTH)) throw new AppError('BODY_TOO_DEEP', undefined, { limit: MAX_BODY_DEPTH });
  const forbiddenKey = findForbiddenKey(value);
  if (forbiddenKey !== null) throw new AppError('BODY_FORBIDDEN_KEY', undefined, { key: forbiddenKey });
  return value;
}

/**
 * Device API of gate cameras, card readers and QR scanners: one push URL per
 * format, each answering in its vendor's shape. The key comes from the
 * X-Device-Key header or the `key` query parameter and is checked before the
 * body is read, so an unauthenticated post costs no parsing.
 */
export const gateDeviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = app.services;
  const tags = ['gate-events'];

  // The parsers below exist only in this plugin's scope: the rest of the API stays JSON only.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer' }, (_request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length > DEVICE_XML_LIMIT) {
      done(new AppError('BODY_TOO_LARGE', undefined, { limit: '64 KiB' }), undefined);
      return;
    }
    done(null, bytes.toString('utf8'));
  });
  // Registered here, so only the device routes accept multipart bodies; the Hikvision route reads the parts itself.
  const { parts, fileSize, fieldSize } = DEVICE_MULTIPART_LIMITS;
  await app.register(multipart, { limits: { parts, fileSize, fieldSize }, throwFileSizeLimit: true });
  // GA/T 1400 platforms send their JSON as application/VIID+JSON.
  app.addContentTypeParser('application/viid+json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as AppError, undefined);
    }
  });

  // preParsing runs after the rate limit's onRequest hook, so posts with an unknown key are counted against the address.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const key = keyOf(request);
    if (!key) throw new AppError('DEVICE_KEY_MISSING');
    request.device = await authenticateDevice(ctx, key);
    // The shared authentication hook reads the header; a key from the query string is handed over that way.
    request.headers['x-device-key'] = key;
    boundGates.set(request, await requireDeviceGate(ctx, request.device));
    return payload;
  });

  app.addHook('onError', async (request, _reply, error) => {
    // Ids and codes only: the body may hold a plate tied to a resident.
    const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
    request.log.info({ deviceId: request.device?.id ?? null, code }, 'gate event rejected');
  });

  async function handle(adapter: GateFormatAdapter, request: FastifyRequest, reply: FastifyReply) {
    const device = request.device;
    const gate = boundGates.get(request);
    if (!device || !gate) throw new AppError('DEVICE_KEY_MISSING');
    const contentType = request.headers['content-type'] ?? '';
    // Of the device formats only Hikvision ISAPI posts multipart; another route leaves the body unread and its adapter rejects it.
    const body =
      request.isMultipart() && adapter.format === 'hikvision' ? await readMultipartParts(request, DEVICE_MULTIPART_LIMITS) : request.body;
    const events = adapter.parse({ body, contentType, headers: request.headers });
    const locale = negotiateLocale(request.headers['accept-language']);

    const outcomes: GateEventOutcome[] = [];
    for (const event of events) {
      try {
        outcomes.push({
          sourceKey: event.sourceKey,
          reply: await ingestGateEvent(ctx, { device, gate, format: adapter.format, event, locale }),
        });
      } catch (error) {
        // A list format reports each item's status; a single event is rejected with the error's own status.
        if (!(error instanceof AppError) || events.length === 1) throw error;
        request.log.info({ deviceId: device.id, code: error.code }, 'gate event rejected');
        outcomes.push({ sourceKey: event.sourceKey, error });
      }
    }

    const decided = outcomes.find((outcome) => 'reply' in outcome);
    if (decided && 'reply' in decided) {
      reply.header('x-cordon-event-id', decided.reply.eventId).header('x-cordon-decision', decided.reply.decision);
    }
    const response = adapter.respond(outcomes);
    return reply.status(response.statusCode).type(response.contentType).send(response.body);
  }

  // Content types named in a 415; the parsers above accept the others too, and each adapter rejects a body it cannot read.
  const json = ['application/json'];
  const hikvision = ['application/xml', 'text/xml', 'multipart/form-data'];
  const gat1400 = ['application/json', 'application/VIID+JSON'];
  const routes: [string, GateFormatAdapter, string[], string][] = [
    ['/', GATE_FORMAT_ADAPTERS.cordon, json, 'Cordon JSON event: plate, card or QR code, optional temperature and pictures.'],
    [
      '/hikvision',
      GATE_FORMAT_ADAPTERS.hikvision,
      hikvision,
      'Hikvision ISAPI EventNotificationAlert (ANPR), as XML or multipart/form-data with pictures.',
    ],
    ['/dahua', GATE_FORMAT_ADAPTERS.dahua, json, 'Dahua ITSAPI traffic snapshot (Picture.Plate, Picture.SnapInfo) as JSON.'],
    ['/vzenith', GATE_FORMAT_ADAPTERS.vzenith, json, 'Vzenith IVS AlarmInfoPlate push; the reply opens the barrier with info "ok".'],
    ['/gat1400', GATE_FORMAT_ADAPTERS.gat1400, gat1400, 'GA/T 1400 MotorVehicleListObject; replies with a ResponseStatusListObject.'],
    ['/gat1400/VIID/MotorVehicles', GATE_FORMAT_ADAPTERS.gat1400, gat1400, 'GA/T 1400 MotorVehicleListObject at the standard path.'],
  ];
  for (const [url, adapter, acceptedContentTypes, description] of routes) {
    app.post(
      url,
      { bodyLimit: DEVICE_BODY_LIMIT, config: { access: { kind: 'device' }, acceptedContentTypes }, schema: { tags, description } },
      async (request, reply) => handle(adapter, request, reply),
    );
  }
};
