import { randomUUID } from 'node:crypto';
import { buildMultipart } from './multipart.js';
import { escapeXml } from './xml.js';

// Bodies in each device format, built the way the fixtures in ./fixtures
// show them. The tests and `cordon simulate gates` send these, so both
// exercise the same shapes.

export interface DevicePost {
  /** Path under /api/gate-events. */
  path: string;
  contentType: string;
  body: string | Buffer;
}

export interface SampleEvent {
  plate: string;
  at?: Date;
  /** The device's event id; a fresh UUID when absent. */
  id?: string;
  direction?: 'in' | 'out' | null;
  withPicture?: boolean;
}

/** A tiny JPEG (SOI, a JFIF APP0 segment, EOI): enough for the sniffing and storage paths. */
export const SAMPLE_JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/** Local wall time in China (UTC+8) as parts. */
function chinaParts(at: Date) {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), millis: iso.slice(20, 23) };
}

export function cordonPost(event: {
  eventId?: string;
  at?: Date;
  kind: 'plate' | 'card' | 'qr';
  plate?: string;
  cardNumber?: string;
  qrCode?: string;
  temperature?: number;
  direction?: 'in' | 'out';
  withPicture?: boolean;
}): DevicePost {
  const body = {
    eventId: event.eventId ?? randomUUID(),
    occurredAt: (event.at ?? new Date()).toISOString(),
    kind: event.kind,
    ...(event.direction ? { direction: event.direction } : {}),
    ...(event.plate !== undefined ? { plate: event.plate } : {}),
    ...(event.cardNumber !== undefined ? { cardNumber: event.cardNumber } : {}),
    ...(event.qrCode !== undefined ? { qrCode: event.qrCode } : {}),
    ...(event.temperature !== undefined ? { temperature: event.temperature } : {}),
    ...(event.withPicture ? { pictures: [{ role: 'scene', contentType: 'image/jpeg', data: SAMPLE_JPEG.toString('base64') }] } : {}),
  };
  return { path: '/', contentType: 'application/json', body: JSON.stringify(body) };
}

export function hikvisionXml(event: SampleEvent): string {
  const { date, time } = chinaParts(event.at ?? new Date());
  const direction = event.direction === 'out' ? 'reverse' : event.direction === 'in' ? 'forward' : 'unknown';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">',
    '<ipAddress>192.168.1.64</ipAddress>',
    '<portNo>80</portNo>',
    '<protocol>HTTP</protocol>',
    '<channelID>1</channelID>',
    `<dateTime>${date}T${time}+08:00</dateTime>`,
    '<activePostCount>1</activePostCount>',
    '<eventType>ANPR</eventType>',
    '<eventState>active</eventState>',
    '<eventDescription>ANPR</eventDescription>',
    '<ANPR>',
    '<country>CN</country>',
    `<licensePlate>${escapeXml(event.plate)}</licensePlate>`,
    '<line>1</line>',
    `<direction>${direction}</direction>`,
    '<confidenceLevel>98</confidenceLevel>',
    '<plateType>92TypeCivil</plateType>',
    '<plateColor>blue</plateColor>',
    '<vehicleType>vehicle</vehicleType>',
    '</ANPR>',
    `<UUID>${event.id ?? randomUUID()}</UUID>`,
    '</EventNotificationAlert>',
  ].join('\n');
}

export function hikvisionPost(event: SampleEvent): DevicePost {
  if (!event.withPicture) return { path: '/hikvision', contentType: 'application/xml', body: hikvisionXml(event) };
  const boundary = `----cordon${randomUUID().replace(/-/g, '')}`;
  const body = buildMultipart(
    [
      { name: 'anpr.xml', filename: 'anpr.xml', contentType: 'application/xml', data: Buffer.from(hikvisionXml(event)) },
      { name: 'licensePlatePicture.jpg', filename: 'licensePlatePicture.jpg', contentType: 'image/jpeg', data: SAMPLE_JPEG },
      { name: 'detectionPicture.jpg', filename: 'detectionPicture.jpg', contentType: 'image/jpeg', data: SAMPLE_JPEG },
    ],
    boundary,
  );
  return { path: '/hikvision', contentType: `multipart/form-data; boundary=${boundary}`, body };
}

export function dahuaPost(event: SampleEvent): DevicePost {
  const { date, time, millis } = chinaParts(event.at ?? new Date());
  const picture = event.withPicture ? SAMPLE_JPEG.toString('base64') : '';
  const body = {
    Picture: {
      Plate: { PlateNumber: event.plate, PlateColor: 'Blue', PlateType: 'Normal', Confidence: 96 },
      SnapInfo: {
        DeviceID: 'ITC-EAST-01',
        RecordID: event.id ?? randomUUID(),
        AccurateTime: `${date} ${time}.${millis}`,
        SnapTime: `${date} ${time}`,
        Direction: event.direction === 'out' ? 'Leave' : event.direction === 'in' ? 'Approach' : 'Unknown',
        OpenStrobe: false,
      },
      Vehicle: { VehicleType: 'Car', VehicleColor: 'White' },
      ...(picture ? { CutoutPic: { PicName: 'plate.jpg', Content: picture }, NormalPic: { PicName: 'scene.jpg', Content: picture } } : {}),
    },
  };
  return { path: '/dahua', contentType: 'application/json', body: JSON.stringify(body) };
}

let vzenithPlateId = 1000;

export function vzenithPost(event: SampleEvent): DevicePost {
  const at = event.at ?? new Date();
  vzenithPlateId += 1;
  const picture = event.withPicture ? SAMPLE_JPEG.toString('base64') : undefined;
  const body = {
    AlarmInfoPlate: {
      channel: 0,
      deviceName: 'IVS',
      ipaddr: '192.168.1.100',
      serialno: event.id ?? `e1b2c3d4-${randomUUID().slice(0, 8)}`,
      result: {
        PlateResult: {
          license: event.plate,
          plateid: vzenithPlateId,
          colorType: 1,
          confidence: 97,
          direction: 0,
          triggerType: 8,
          type: 1,
          timeStamp: { Timeval: { sec: Math.floor(at.getTime() / 1000), usec: (at.getTime() % 1000) * 1000 } },
          ...(picture
            ? { imageFile: picture, imageFileLen: SAMPLE_JPEG.length, imageFragmentFile: picture, imageFragmentFileLen: SAMPLE_JPEG.length }
            : {}),
        },
      },
    },
  };
  return { path: '/vzenith', contentType: 'application/json', body: JSON.stringify(body) };
}

export function gat1400Post(events: SampleEvent[]): DevicePost {
  const objects = events.map((event) => {
    const { date, time } = chinaParts(event.at ?? new Date());
    const passTime = `${date}${time}`.replace(/[-:]/g, '');
    const id = event.id ?? `32050800001190000001${passTime}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`.slice(0, 48);
    return {
      MotorVehicleID: id,
      InfoKind: 1,
      DeviceID: '32050800001190000001',
      PlateNo: event.plate,
      PlateColor: '2',
      PassTime: passTime,
      ...(event.withPicture
        ? {
            SubImageList: {
              SubImageInfoObject: [
                { ImageID: `${id}01`, Type: '02', FileFormat: 'Jpeg', ShotTime: passTime, Data: SAMPLE_JPEG.toString('base64') },
              ],
            },
          }
        : {}),
    };
  });
  return {
    path: '/gat1400/VIID/MotorVehicles',
    contentType: 'application/VIID+JSON',
    body: JSON.stringify({ MotorVehicleListObject: { MotorVehicleObject: objects } }),
  };
}

/** A plate post in the named format; for gat1400 a list of one vehicle. */
export function platePost(format: 'cordon' | 'hikvision' | 'dahua' | 'vzenith' | 'gat1400', event: SampleEvent): DevicePost {
  switch (format) {
    case 'cordon':
      return cordonPost({
        kind: 'plate',
        plate: event.plate,
        ...(event.id ? { eventId: event.id } : {}),
        ...(event.at ? { at: event.at } : {}),
        ...(event.direction ? { direction: event.direction } : {}),
        ...(event.withPicture ? { withPicture: true } : {}),
      });
    case 'hikvision':
      return hikvisionPost(event);
    case 'dahua':
      return dahuaPost(event);
    case 'vzenith':
      return vzenithPost(event);
    case 'gat1400':
      return gat1400Post([event]);
  }
}
