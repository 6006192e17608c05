import { contentSourceKey } from './content-key.js';
import type { MultipartPart } from './multipart.js';
import { AppError } from '../../../errors/app-error.js';
import { formatByteSize } from '../../../plugins/errors.js';
import {
  type EventPicture,
  type GateFormatAdapter,
  MAX_EVENT_PICTURES,
  invalidField,
  missingField,
  parseDeviceTime,
  pictureOf,
  tooManyPictures,
} from './types.js';
import { XML_MAX_BYTES, escapeXml, parseXml, textAt, type XmlElement } from './xml.js';

// Hikvision ISAPI event notification (HTTP listening / alarm host push) of
// an ANPR camera, as the public ISAPI description documents it: an
// <EventNotificationAlert> with eventType ANPR, channelID, dateTime and an
// <ANPR> element holding licensePlate and direction. A camera set to upload
// pictures posts multipart/form-data instead: one XML part (named after the
// event, such as "anpr.xml") and JPEG parts such as licensePlatePicture.jpg
// and detectionPicture.jpg. The reply is the ISAPI <ResponseStatus>; an ISAPI
// camera does not open its barrier from the reply, so the decision also goes
// out in the X-Cordon-Decision header for a relay controller.
// TODO: opening the barrier through ISAPI's barrier-gate control call needs the camera's credentials, which Cordon does not hold.

const PLATE_PICTURE_NAMES = /plate/i;

function directionOf(value: string | null): 'in' | 'out' | null {
  // ISAPI names the travel direction relative to the camera: forward means approaching it, reverse moving away.
  if (value === 'forward') return 'in';
  if (value === 'reverse') return 'out';
  return null;
}

function eventOf(root: XmlElement, pictures: EventPicture[]) {
  if (root.name !== 'EventNotificationAlert') throw invalidField('EventNotificationAlert');
  const eventType = textAt(root, ['eventType']);
  if (eventType === null) throw missingField('EventNotificationAlert.eventType');
  if (eventType.toUpperCase() !== 'ANPR') throw invalidField('EventNotificationAlert.eventType');
  const dateTime = textAt(root, ['dateTime']);
  if (dateTime === null) throw missingField('EventNotificationAlert.dateTime');
  const plate = textAt(root, ['ANPR', 'licensePlate']);
  if (plate === null) throw missingField('EventNotificationAlert.ANPR.licensePlate');
  if (plate.length > 32) throw invalidField('EventNotificationAlert.ANPR.licensePlate');

  const occurredAt = parseDeviceTime(dateTime, 'EventNotificationAlert.dateTime');
  const channel = textAt(root, ['channelID']) ?? textAt(root, ['dynChannelID']);
  const uuid = textAt(root, ['UUID']);
  return {
    sourceKey: uuid && uuid.length <= 64 ? `uuid:${uuid}` : contentSourceKey(channel, dateTime, plate),
    occurredAt,
    kind: 'plate' as const,
    direction: directionOf(textAt(root, ['ANPR', 'direction'])),
    plate,
    cardNumber: null,
    qrCode: null,
    temperatureTenths: null,
    pictures,
  };
}

function picturesOf(parts: MultipartPart[]): EventPicture[] {
  const images = parts.filter(
    (part) => part.contentType?.toLowerCase().startsWith('image/') || /\.(jpe?g|png)$/i.test(part.filename ?? ''),
  );
  if (images.length > MAX_EVENT_PICTURES) throw tooManyPictures('pictures');
  return images.map((part) => pictureOf(part.data, PLATE_PICTURE_NAMES.test(part.filename ?? part.name) ? 'plate' : 'scene', part.name));
}

export const hikvisionFormat: GateFormatAdapter = {
  format: 'hikvision',

  parse({ body, contentType }) {
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      // The device route has read the parts already, through @fastify/multipart.
      if (!Array.isArray(body)) throw invalidField('body');
      const parts = body as MultipartPart[];
      const xmlPart =
        parts.find((part) => part.contentType?.toLowerCase().includes('xml') || /\.xml$/i.test(part.filename ?? '')) ??
        parts.find((part) => part.data.subarray(0, 64).toString('utf8').trimStart().startsWith('<'));
      if (!xmlPart) throw missingField('EventNotificationAlert');
      // The multipart limits allow megabytes per part for pictures; the XML part keeps the limit of a plain XML post.
      if (xmlPart.data.length > XML_MAX_BYTES) {
        throw new AppError('GATE_EVENT_PART_TOO_LARGE', undefined, { part: xmlPart.name, limit: formatByteSize(XML_MAX_BYTES) });
      }
      return [eventOf(parseXml(xmlPart.data.toString('utf8')), picturesOf(parts.filter((part) => part !== xmlPart)))];
    }
    if (typeof body !== 'string') throw invalidField('body');
    return [eventOf(parseXml(body), [])];
  },

  respond(outcomes) {
    const [outcome] = outcomes;
    if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('no event outcome');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<ResponseStatus version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">' +
      '<requestURL>/api/gate-events/hikvision</requestURL><statusCode>1</statusCode><statusString>OK</statusString>' +
      `<subStatusCode>ok</subStatusCode><description>${escapeXml(outcome.reply.message)}</description></ResponseStatus>`;
    return { statusCode: 200, contentType: 'application/xml; charset=utf-8', body };
  },
};
