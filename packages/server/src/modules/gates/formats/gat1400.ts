import {
  type EventPicture,
  type GateFormatAdapter,
  MAX_EVENT_PICTURES,
  decodePicture,
  invalidField,
  isRecord,
  jsonResponse,
  missingField,
  optionalString,
  parseDeviceTime,
  pathValue,
  requireRecord,
  requireString,
  tooManyPictures,
} from './types.js';

// GA/T 1400 (公安视频图像信息应用系统) motor vehicle upload, as the public
// standard text describes it: POST /VIID/MotorVehicles with a
// MotorVehicleListObject holding MotorVehicleObject items (MotorVehicleID,
// PlateNo, PassTime as YYYYMMDDhhmmss local time, SubImageList of
// SubImageInfoObject with Type and base64 Data). The reply is a
// ResponseStatusListObject with one ResponseStatusObject per item,
// StatusCode 0 for OK. The standard has no barrier control, so the decision
// also goes out in the X-Cordon-Decision header.
// NOTE: GA/T 1400 Direction is a compass heading, not in or out, so events of this format carry no direction.

const MAX_OBJECTS = 20;
/** SubImageInfoObject.Type codes of plate close-ups (车牌彩色小图, 车牌二值化图); other types are kept as scenes. */
const PLATE_IMAGE_TYPES = new Set(['02', '03']);
/** GA/T 1400 status codes used in replies. */
const STATUS_OK = 0;
const STATUS_OTHER_ERROR = 1;
const STATUS_INVALID_JSON_CONTENT = 8;

function picturesOf(vehicle: Record<string, unknown>, field: string): EventPicture[] {
  const list = pathValue(vehicle, ['SubImageList', 'SubImageInfoObject']);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw invalidField(`${field}.SubImageList.SubImageInfoObject`);
  if (list.length > MAX_EVENT_PICTURES) throw tooManyPictures(`${field}.SubImageList.SubImageInfoObject`);
  return list.flatMap((image, index) => {
    const imageField = `${field}.SubImageList.SubImageInfoObject.${index}`;
    if (!isRecord(image)) throw invalidField(imageField);
    if (image.Data === undefined || image.Data === '') return [];
    const type = optionalString(image, ['Type'], 4, imageField);
    return [decodePicture(image.Data, type !== null && PLATE_IMAGE_TYPES.has(type) ? 'plate' : 'scene', `${imageField}.Data`)];
  });
}

function localTime(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return china.slice(0, 19).replace(/[-T:]/g, '');
}

export const gat1400Format: GateFormatAdapter = {
  format: 'gat1400',

  parse({ body }) {
    if (!isRecord(body)) throw invalidField('body');
    const list = requireRecord(body, ['MotorVehicleListObject']);
    const objects = list.MotorVehicleObject;
    if (objects === undefined) throw missingField('MotorVehicleListObject.MotorVehicleObject');
    if (!Array.isArray(objects) || objects.length === 0 || objects.length > MAX_OBJECTS) {
      throw invalidField('MotorVehicleListObject.MotorVehicleObject');
    }
    return objects.map((vehicle, index) => {
      const field = `MotorVehicleListObject.MotorVehicleObject.${index}`;
      if (!isRecord(vehicle)) throw invalidField(field);
      const plate = optionalString(vehicle, ['PlateNo'], 32, field);
      if (plate === null) throw missingField(`${field}.PlateNo`);
      return {
        sourceKey: requireString(vehicle, ['MotorVehicleID'], 64, field),
        occurredAt: parseDeviceTime(requireString(vehicle, ['PassTime'], 20, field), `${field}.PassTime`),
        kind: 'plate' as const,
        direction: null,
        plate,
        cardNumber: null,
        qrCode: null,
        temperatureTenths: null,
        pictures: picturesOf(vehicle, field),
      };
    });
  },

  respond(outcomes) {
    const now = new Date();
    const statuses = outcomes.map((outcome) => {
      const failed = 'error' in outcome;
      const statusCode = !failed ? STATUS_OK : outcome.error.statusCode === 400 ? STATUS_INVALID_JSON_CONTENT : STATUS_OTHER_ERROR;
      return {
        RequestURL: '/VIID/MotorVehicles',
        StatusCode: statusCode,
        StatusString: failed ? outcome.error.code : outcome.reply.decision === 'open' ? 'OK' : 'OK; gate denied',
        Id: outcome.sourceKey,
        LocalTime: localTime(now),
      };
    });
    return jsonResponse(200, { ResponseStatusListObject: { ResponseStatusObject: statuses } });
  },
};
