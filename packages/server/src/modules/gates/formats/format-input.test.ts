import { describe, expect, it } from 'vitest';
import { AppError } from '../../../errors/app-error.js';
import { devicePlateText, readDevicePlate } from '../facts.js';
import { GATE_FORMAT_ADAPTERS } from './index.js';
import type { MultipartPart } from './multipart.js';
import { SAMPLE_JPEG, hikvisionXml, platePost } from './samples.js';
import { MAX_EVENT_PICTURES } from './types.js';
import { XML_MAX_BYTES } from './xml.js';

type Format = keyof typeof GATE_FORMAT_ADAPTERS;

function parse(format: Format, body: unknown, contentType = 'application/json') {
  return GATE_FORMAT_ADAPTERS[format].parse({ body, contentType, headers: {} });
}

function errorOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** Parses the JSON body of a sample post, for a test to change. */
function jsonSample(format: Exclude<Format, 'hikvision'>): Record<string, any> {
  return JSON.parse(platePost(format, { plate: '苏E12345' }).body.toString()) as Record<string, any>;
}

const GAT_VEHICLE = 'MotorVehicleListObject.MotorVehicleObject.0';

describe('device plate text', () => {
  it('strips control and bidi characters', () => {
    expect(readDevicePlate('鄂A12345\u0000')?.number).toBe('鄂A12345');
    expect(readDevicePlate('\u200b鄂A12345\u200d ')?.number).toBe('鄂A12345');
    expect(readDevicePlate('\u202e鄂A12345\u202c')?.number).toBe('鄂A12345');
  });

  it('reads full-width plates', () => {
    expect(readDevicePlate('鄂Ａ１２３４５')?.number).toBe('鄂A12345');
  });

  it('leaves garbage unread', () => {
    for (const text of ['苏E1234', 'ABCDEFG', '!!!', '无车牌', 'ｅ鄂A12345', '\u202e54321E苏', '苏E𠀀12345']) {
      expect(readDevicePlate(text), text).toBeNull();
    }
  });

  it('keeps cleaned text for the console', () => {
    expect(devicePlateText('ABC\u0000DEFG')).toBe('ABCDEFG');
    expect(devicePlateText('\u202e54321E苏')).toBe('54321E苏');
    expect(devicePlateText('X'.repeat(40))).toBe('X'.repeat(32));
    expect(devicePlateText('\u0000 ')).toBeNull();
  });
});

describe('wrong-typed device fields', () => {
  const cases: Array<[Format, (body: Record<string, any>) => void, string]> = [
    ['cordon', (body) => (body.plate = 123), 'plate'],
    ['cordon', (body) => (body.eventId = 42), 'eventId'],
    ['cordon', (body) => (body.occurredAt = 1_581_293_730_000), 'occurredAt'],
    ['dahua', (body) => (body.Picture.Plate.PlateNumber = 123), 'Picture.Plate.PlateNumber'],
    ['dahua', (body) => (body.Picture.SnapInfo.AccurateTime = 20200210), 'Picture.SnapInfo.AccurateTime'],
    ['vzenith', (body) => (body.AlarmInfoPlate.result.PlateResult.license = 123), 'AlarmInfoPlate.result.PlateResult.license'],
    [
      'vzenith',
      (body) => (body.AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.usec = '5'),
      'AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.usec',
    ],
    ['gat1400', (body) => (body.MotorVehicleListObject.MotorVehicleObject[0].PlateNo = 5), `${GAT_VEHICLE}.PlateNo`],
    ['gat1400', (body) => (body.MotorVehicleListObject.MotorVehicleObject[0].PassTime = 20200210081530), `${GAT_VEHICLE}.PassTime`],
  ];

  it.each(cases)('%s rejects a number', (format, change, field) => {
    const body = jsonSample(format as Exclude<Format, 'hikvision'>);
    change(body);
    const error = errorOf(() => parse(format, body));
    expect(error.code).toBe('GATE_EVENT_FIELD_INVALID');
    expect(error.field).toBe(field);
  });
});

describe('out-of-range device times', () => {
  const setters: Record<Exclude<Format, 'hikvision'>, [(body: Record<string, any>, huge: boolean) => void, string]> = {
    cordon: [(body, huge) => (body.occurredAt = huge ? '+275760-09-13T00:00:00.000Z' : '-000001-01-01T00:00:00.000Z'), 'occurredAt'],
    dahua: [
      (body, huge) => {
        delete body.Picture.SnapInfo.AccurateTime;
        body.Picture.SnapInfo.SnapTime = huge ? '99999-12-31 23:59:59' : '-2020-02-10 08:15:30';
      },
      'Picture.SnapInfo.SnapTime',
    ],
    vzenith: [
      (body, huge) => (body.AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec = huge ? 1e20 : -5),
      'AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec',
    ],
    gat1400: [
      (body, huge) => (body.MotorVehicleListObject.MotorVehicleObject[0].PassTime = huge ? '99999999999999' : '-2020021008153'),
      `${GAT_VEHICLE}.PassTime`,
    ],
  };

  for (const [format, [set, field]] of Object.entries(setters)) {
    for (const huge of [true, false]) {
      it(`${format} rejects a ${huge ? 'huge' : 'negative'} time`, () => {
        const body = jsonSample(format as Exclude<Format, 'hikvision'>);
        set(body, huge);
        const error = errorOf(() => parse(format as Format, body));
        expect(error.code).toBe('GATE_EVENT_FIELD_INVALID');
        expect(error.field).toBe(field);
      });
    }
  }

  it('vzenith rejects an infinite-looking time', () => {
    const body = jsonSample('vzenith');
    body.AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec = 1.7976931348623157e308;
    expect(errorOf(() => parse('vzenith', body)).code).toBe('GATE_EVENT_FIELD_INVALID');
  });

  it.each([
    ['huge', '99999-02-10T08:15:30+08:00'],
    ['negative', '-2020-02-10T08:15:30+08:00'],
    ['month 13', '2020-13-10T08:15:30+08:00'],
  ])('hikvision rejects a %s time', (_name, dateTime) => {
    const xml = hikvisionXml({ plate: '苏E12345' }).replace(/<dateTime>[^<]*<\/dateTime>/, `<dateTime>${dateTime}</dateTime>`);
    const error = errorOf(() => parse('hikvision', xml, 'application/xml'));
    expect(error.code).toBe('GATE_EVENT_FIELD_INVALID');
    expect(error.field).toBe('EventNotificationAlert.dateTime');
  });
});

describe('picture and part limits', () => {
  const jpeg = { role: 'scene', contentType: 'image/jpeg', data: SAMPLE_JPEG.toString('base64') };
  const xmlPart = (xml: string): MultipartPart => ({
    name: 'anpr.xml',
    filename: 'anpr.xml',
    contentType: 'application/xml',
    data: Buffer.from(xml),
  });
  const picture = (index: number): MultipartPart => ({
    name: `picture${index}.jpg`,
    filename: `picture${index}.jpg`,
    contentType: 'image/jpeg',
    data: SAMPLE_JPEG,
  });
  const multipart = 'multipart/form-data; boundary=x';

  it('cordon rejects more pictures than stored', () => {
    const body = jsonSample('cordon');
    body.pictures = Array(MAX_EVENT_PICTURES + 1).fill(jpeg);
    const error = errorOf(() => parse('cordon', body));
    expect(error).toMatchObject({ code: 'GATE_EVENT_TOO_MANY_PICTURES', field: 'pictures' });
    expect(error.params).toMatchObject({ limit: MAX_EVENT_PICTURES });
    body.pictures = Array(MAX_EVENT_PICTURES).fill(jpeg);
    expect(parse('cordon', body)[0]?.pictures).toHaveLength(MAX_EVENT_PICTURES);
  });

  it('hikvision rejects ten pictures', () => {
    const parts = [xmlPart(hikvisionXml({ plate: '苏E12345' })), ...Array.from({ length: 10 }, (_, index) => picture(index))];
    expect(errorOf(() => parse('hikvision', parts, multipart))).toMatchObject({ code: 'GATE_EVENT_TOO_MANY_PICTURES' });
    expect(parse('hikvision', parts.slice(0, 5), multipart)[0]?.pictures).toHaveLength(4);
  });

  it('gat1400 rejects more pictures than stored', () => {
    const body = jsonSample('gat1400');
    const image = { Type: '02', Data: SAMPLE_JPEG.toString('base64') };
    body.MotorVehicleListObject.MotorVehicleObject[0].SubImageList = { SubImageInfoObject: Array(MAX_EVENT_PICTURES + 1).fill(image) };
    const error = errorOf(() => parse('gat1400', body));
    expect(error).toMatchObject({ code: 'GATE_EVENT_TOO_MANY_PICTURES', field: `${GAT_VEHICLE}.SubImageList.SubImageInfoObject` });
  });

  it('hikvision XML part keeps the XML limit', () => {
    const xml = hikvisionXml({ plate: '苏E12345' }).replace('<portNo>', `<!--${'x'.repeat(XML_MAX_BYTES)}--><portNo>`);
    const error = errorOf(() => parse('hikvision', [xmlPart(xml)], multipart));
    expect(error.code).toBe('GATE_EVENT_PART_TOO_LARGE');
    expect(error.params).toMatchObject({ part: 'anpr.xml', limit: '64 KiB' });
  });
});
