import {
  type EventPicture,
  type GateFormatAdapter,
  decodePicture,
  instantOf,
  invalidField,
  isRecord,
  jsonResponse,
  missingField,
  optionalString,
  optionalText,
  pathValue,
  requireRecord,
} from './types.js';

// Vzenith (臻识) IVS plate camera push, as Vzenith's public HTTP push
// description of the IVS series lays it out: AlarmInfoPlate with serialno
// (the camera's serial number) and result.PlateResult holding license,
// plateid, timeStamp.Timeval.sec and base64 pictures in imageFile (scene)
// and imageFragmentFile (plate close-up). The camera raises its barrier
// when the reply's Response_AlarmInfoPlate.info is "ok"; any other value
// keeps it closed.

export const vzenithFormat: GateFormatAdapter = {
  format: 'vzenith',

  parse({ body }) {
    if (!isRecord(body)) throw invalidField('body');
    const alarm = requireRecord(body, ['AlarmInfoPlate']);
    const result = requireRecord(alarm, ['result', 'PlateResult'], 'AlarmInfoPlate');
    const plate = optionalString(result, ['license'], 32, 'AlarmInfoPlate.result.PlateResult');
    if (plate === null) throw missingField('AlarmInfoPlate.result.PlateResult.license');
    const seconds = pathValue(result, ['timeStamp', 'Timeval', 'sec']);
    if (seconds === undefined) throw missingField('AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) {
      throw invalidField('AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec');
    }
    const microseconds = pathValue(result, ['timeStamp', 'Timeval', 'usec']);
    if (
      microseconds !== undefined &&
      (typeof microseconds !== 'number' || !Number.isInteger(microseconds) || microseconds < 0 || microseconds >= 1_000_000)
    ) {
      throw invalidField('AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.usec');
    }
    const usec = microseconds ?? 0;
    const serial = optionalString(alarm, ['serialno'], 64, 'AlarmInfoPlate');
    const plateId = optionalText(result, ['plateid'], 32, 'AlarmInfoPlate.result.PlateResult');

    const pictures: EventPicture[] = [];
    const fragment = result.imageFragmentFile;
    if (typeof fragment === 'string' && fragment !== '') {
      pictures.push(decodePicture(fragment, 'plate', 'AlarmInfoPlate.result.PlateResult.imageFragmentFile'));
    }
    const scene = result.imageFile;
    if (typeof scene === 'string' && scene !== '')
      pictures.push(decodePicture(scene, 'scene', 'AlarmInfoPlate.result.PlateResult.imageFile'));

    return [
      {
        // The plate id counts up per recognition on one camera; seconds keep the key unique across a camera restart.
        sourceKey: `${serial ?? 'unknown'}:${plateId ?? 'none'}:${seconds}.${usec}`,
        occurredAt: instantOf(seconds * 1000 + Math.floor(usec / 1000), 'AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec'),
        kind: 'plate' as const,
        direction: null,
        plate,
        cardNumber: null,
        qrCode: null,
        temperatureTenths: null,
        pictures,
      },
    ];
  },

  respond(outcomes) {
    const [outcome] = outcomes;
    if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('no event outcome');
    const open = outcome.reply.decision === 'open';
    return jsonResponse(200, { Response_AlarmInfoPlate: { info: open ? 'ok' : 'no', content: outcome.reply.message, is_pay: 'false' } });
  },
};
