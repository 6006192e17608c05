import { contentSourceKey } from './content-key.js';
import {
  type EventPicture,
  type GateFormatAdapter,
  decodePicture,
  isRecord,
  jsonResponse,
  missingField,
  invalidField,
  optionalString,
  optionalText,
  parseDeviceTime,
  pathValue,
  requireRecord,
} from './types.js';

// Dahua ITC traffic camera push over ITSAPI (the "TollgateInfo" JSON a
// camera posts to a platform), as Dahua's public ITSAPI description lays it
// out: Picture.Plate.PlateNumber, Picture.SnapInfo with AccurateTime or
// SnapTime (local time), DeviceID and Direction, and base64 pictures in
// Picture.CutoutPic (plate close-up) and Picture.NormalPic (scene).
// The reply tells the camera whether to raise its barrier (OpenGate).
// NOTE: Direction values differ by firmware; Approach/Obverse are read as in and Leave/Reverse as out, others as unknown.

function directionOf(value: string | null): 'in' | 'out' | null {
  const normalized = value?.toLowerCase() ?? null;
  if (normalized === 'approach' || normalized === 'obverse') return 'in';
  if (normalized === 'leave' || normalized === 'reverse') return 'out';
  return null;
}

function picturesOf(picture: Record<string, unknown>): EventPicture[] {
  const pictures: EventPicture[] = [];
  const cutout = pathValue(picture, ['CutoutPic', 'Content']);
  if (cutout !== undefined && cutout !== '') pictures.push(decodePicture(cutout, 'plate', 'Picture.CutoutPic.Content'));
  const normal = pathValue(picture, ['NormalPic', 'Content']);
  if (normal !== undefined && normal !== '') pictures.push(decodePicture(normal, 'scene', 'Picture.NormalPic.Content'));
  return pictures;
}

export const dahuaFormat: GateFormatAdapter = {
  format: 'dahua',

  parse({ body }) {
    if (!isRecord(body)) throw invalidField('body');
    const picture = requireRecord(body, ['Picture']);
    const snapInfo = requireRecord(picture, ['SnapInfo'], 'Picture');
    const plate = optionalString(picture, ['Plate', 'PlateNumber'], 32, 'Picture');
    if (plate === null) throw missingField('Picture.Plate.PlateNumber');
    const time =
      optionalString(snapInfo, ['AccurateTime'], 40, 'Picture.SnapInfo') ?? optionalString(snapInfo, ['SnapTime'], 40, 'Picture.SnapInfo');
    if (time === null) throw missingField('Picture.SnapInfo.SnapTime');
    const deviceId = optionalText(snapInfo, ['DeviceID'], 64, 'Picture.SnapInfo');
    const recordId =
      optionalText(snapInfo, ['RecordID'], 64, 'Picture.SnapInfo') ?? optionalText(snapInfo, ['UID'], 64, 'Picture.SnapInfo');

    return [
      {
        sourceKey: recordId ? `record:${recordId}` : contentSourceKey(deviceId, time, plate),
        occurredAt: parseDeviceTime(time.replace(/\.(\d{3})\d*$/, '.$1'), 'Picture.SnapInfo.SnapTime'),
        kind: 'plate' as const,
        direction: directionOf(optionalString(snapInfo, ['Direction'], 20, 'Picture.SnapInfo')),
        plate,
        cardNumber: null,
        qrCode: null,
        temperatureTenths: null,
        pictures: picturesOf(picture),
      },
    ];
  },

  respond(outcomes) {
    const [outcome] = outcomes;
    if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('no event outcome');
    return jsonResponse(200, { Result: true, OpenGate: outcome.reply.decision === 'open', Message: outcome.reply.message });
  },
};
