import { MAX_CARD_INPUT_LENGTH } from '@cordon/core';
import { GATE_DIRECTIONS, GATE_EVENT_KINDS, type GateDirection, type GateEventKind } from '@cordon/core';
import {
  type EventPicture,
  type GateFormatAdapter,
  MAX_EVENT_PICTURES,
  PICTURE_ROLES,
  PICTURE_TYPES,
  type PictureRole,
  decodePicture,
  invalidField,
  isRecord,
  jsonResponse,
  missingField,
  optionalString,
  parseDeviceTime,
  requireString,
  tooManyPictures,
} from './types.js';

// Cordon's own push format, for card readers, QR scanners and thermal gates
// that an integrator programs, and for the simulator. Documented in the API
// description at /api/docs under gate-events.

/** Readings outside 30.0–45.0 °C come from a broken or misaimed sensor. */
const MIN_TEMPERATURE = 30;
const MAX_TEMPERATURE = 45;

function parsePictures(value: unknown): EventPicture[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidField('pictures');
  if (value.length > MAX_EVENT_PICTURES) throw tooManyPictures('pictures');
  return value.map((item, index) => {
    const field = `pictures.${index}`;
    if (!isRecord(item)) throw invalidField(field);
    const role = item.role;
    if (typeof role !== 'string' || !(PICTURE_ROLES as readonly string[]).includes(role)) throw invalidField(`${field}.role`);
    if (typeof item.contentType !== 'string' || !(PICTURE_TYPES as readonly string[]).includes(item.contentType)) {
      throw invalidField(`${field}.contentType`);
    }
    const picture = decodePicture(item.data, role as PictureRole, `${field}.data`);
    if (picture.contentType !== item.contentType) throw invalidField(`${field}.contentType`);
    return picture;
  });
}

function parseTemperature(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < MIN_TEMPERATURE || value > MAX_TEMPERATURE) {
    throw invalidField('temperature');
  }
  return Math.round(value * 10);
}

export const cordonFormat: GateFormatAdapter = {
  format: 'cordon',

  parse({ body }) {
    if (!isRecord(body)) throw invalidField('body');
    const kind = requireString(body, ['kind'], 10);
    if (!(GATE_EVENT_KINDS as readonly string[]).includes(kind)) throw invalidField('kind');
    const direction = optionalString(body, ['direction'], 10);
    if (direction !== null && !(GATE_DIRECTIONS as readonly string[]).includes(direction)) throw invalidField('direction');

    const event = {
      sourceKey: requireString(body, ['eventId'], 64),
      occurredAt: parseDeviceTime(requireString(body, ['occurredAt'], 40), 'occurredAt'),
      kind: kind as GateEventKind,
      direction: direction as GateDirection | null,
      plate: optionalString(body, ['plate'], 32),
      cardNumber: optionalString(body, ['cardNumber'], MAX_CARD_INPUT_LENGTH),
      qrCode: optionalString(body, ['qrCode'], 120),
      temperatureTenths: parseTemperature(body.temperature),
      pictures: parsePictures(body.pictures),
    };
    if (kind === 'plate' && event.plate === null) throw missingField('plate');
    if (kind === 'card' && event.cardNumber === null) throw missingField('cardNumber');
    if (kind === 'qr' && event.qrCode === null) throw missingField('qrCode');
    return [event];
  },

  respond(outcomes) {
    const [outcome] = outcomes;
    if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('no event outcome');
    const { eventId, decision, alert, action, rule, message } = outcome.reply;
    return jsonResponse(200, { eventId, decision, alert, action, rule, message });
  },
};
