import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../errors/app-error.js';
import { readDevicePlate } from '../facts.js';
import { GATE_FORMAT_ADAPTERS } from './index.js';
import type { MultipartPart } from './multipart.js';
import { SAMPLE_JPEG, gat1400Post, hikvisionPost, platePost } from './samples.js';
import { GATE_FORMATS } from './types.js';
import { XML_MAX_DEPTH, XML_MAX_ELEMENTS, parseXml } from './xml.js';

function fixture(name: string): string {
  return fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(format: keyof typeof GATE_FORMAT_ADAPTERS, body: unknown, contentType = 'application/json') {
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

/** Builds the parts of a Hikvision multipart post, as the device route hands them over after @fastify/multipart has read them. */
function hikvisionParts(plate: string): MultipartPart[] {
  const xml = hikvisionPost({ plate }).body.toString();
  return [
    { name: 'anpr.xml', filename: 'anpr.xml', contentType: 'application/xml', data: Buffer.from(xml) },
    { name: 'licensePlatePicture.jpg', filename: 'licensePlatePicture.jpg', contentType: 'image/jpeg', data: SAMPLE_JPEG },
    { name: 'detectionPicture.jpg', filename: 'detectionPicture.jpg', contentType: 'image/jpeg', data: SAMPLE_JPEG },
  ];
}

describe('gate device formats', () => {
  it('hikvision XML fixture', () => {
    const [event] = parse('hikvision', fixture('hikvision-anpr.xml'), 'application/xml');
    expect(event).toMatchObject({
      sourceKey: 'uuid:0b2b4b2e-5a7f-4c1e-9b0e-3c1f2a7d0001',
      occurredAt: '2020-02-10T00:15:30.000Z',
      kind: 'plate',
      direction: 'in',
      plate: '鄂A·12345',
    });
    expect(readDevicePlate(event?.plate ?? null)?.number).toBe('鄂A12345');
  });

  it('hikvision unread plate', () => {
    const [event] = parse('hikvision', fixture('hikvision-no-plate.xml'), 'application/xml');
    expect(event?.direction).toBe('out');
    expect(event?.sourceKey).toMatch(/^sha256:/);
    expect(readDevicePlate(event?.plate ?? null)).toBeNull();
  });

  it('hikvision multipart with pictures', () => {
    const post = hikvisionPost({ plate: '苏E12345', withPicture: true });
    const [event] = parse('hikvision', hikvisionParts('苏E12345'), post.contentType);
    expect(event?.plate).toBe('苏E12345');
    expect(event?.pictures.map((picture) => picture.role)).toEqual(['plate', 'scene']);
    expect(event?.pictures[0]?.data.equals(SAMPLE_JPEG)).toBe(true);
  });

  it('dahua fixture', () => {
    const [event] = parse('dahua', JSON.parse(fixture('dahua-tollgate.json')));
    expect(event).toMatchObject({ sourceKey: 'record:20200210081530-0001', occurredAt: '2020-02-10T00:15:30.123Z', direction: 'out' });
    expect(readDevicePlate(event?.plate ?? null)?.number).toBe('苏E12345');
    expect(event?.pictures.map((picture) => picture.role)).toEqual(['plate', 'scene']);
  });

  it('vzenith fixture', () => {
    const [event] = parse('vzenith', JSON.parse(fixture('vzenith-plate.json')));
    expect(event).toMatchObject({
      sourceKey: 'e1b2c3d4-5e6f7a8b:1024:1581293730.250000',
      occurredAt: '2020-02-10T00:15:30.250Z',
      plate: '鄂B54321',
    });
    expect(event?.pictures).toHaveLength(2);
  });

  it('gat1400 fixture with two vehicles', () => {
    const events = parse('gat1400', JSON.parse(fixture('gat1400-motor-vehicles.json')));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      sourceKey: '320508000011900000010220200210081530000010000001',
      occurredAt: '2020-02-10T00:15:30.000Z',
    });
    expect(events[0]?.pictures[0]?.role).toBe('plate');
    expect(readDevicePlate(events[1]?.plate ?? null)).toBeNull();
  });

  it('cordon fixture', () => {
    const [event] = parse('cordon', JSON.parse(fixture('cordon-qr.json')));
    expect(event).toMatchObject({ kind: 'qr', direction: 'out', temperatureTenths: 366, sourceKey: 'reader-7-000123' });
    expect(event?.pictures[0]?.role).toBe('face');
  });

  it('samples parse in every format', () => {
    for (const format of GATE_FORMATS) {
      const post = platePost(format, { plate: '苏E54321', withPicture: true });
      const type = post.contentType.toLowerCase();
      const body = type.includes('json')
        ? JSON.parse(post.body.toString())
        : type.startsWith('multipart')
          ? hikvisionParts('苏E54321')
          : post.body.toString();
      const [event] = parse(format, body, post.contentType);
      expect(event?.plate, format).toBe('苏E54321');
      expect(event?.pictures.length, format).toBeGreaterThan(0);
    }
  });

  it('plate shapes from devices', () => {
    expect(readDevicePlate('鄂A12345')?.number).toBe('鄂A12345');
    expect(readDevicePlate('鄂A·12345')?.number).toBe('鄂A12345');
    expect(readDevicePlate('蓝鄂A12345')?.number).toBe('鄂A12345');
    expect(readDevicePlate('无车牌')).toBeNull();
    expect(readDevicePlate('车牌')).toBeNull();
  });

  it('missing fields are named', () => {
    const vzenith = JSON.parse(fixture('vzenith-plate.json'));
    delete vzenith.AlarmInfoPlate.result.PlateResult.license;
    const error = errorOf(() => parse('vzenith', vzenith));
    expect(error.code).toBe('GATE_EVENT_FIELD_MISSING');
    expect(error.field).toBe('AlarmInfoPlate.result.PlateResult.license');

    const gat = JSON.parse(fixture('gat1400-motor-vehicles.json'));
    gat.MotorVehicleListObject.MotorVehicleObject[0].PassTime = 'yesterday';
    expect(errorOf(() => parse('gat1400', gat)).field).toBe('MotorVehicleListObject.MotorVehicleObject.0.PassTime');
    expect(errorOf(() => parse('dahua', { Picture: {} })).field).toBe('Picture.SnapInfo');
    expect(errorOf(() => parse('cordon', { eventId: 'x', occurredAt: new Date().toISOString(), kind: 'plate' })).field).toBe('plate');
  });

  it('malformed XML names line and problem', () => {
    const error = errorOf(() => parseXml('<EventNotificationAlert>\n<ANPR><licensePlate>苏E1</ANPR>'));
    expect(error.code).toBe('GATE_EVENT_XML_INVALID');
    expect(error.params).toMatchObject({ line: 2, detail: 'unexpected close tag: <licensePlate> is not closed' });
    expect(errorOf(() => parseXml('')).params?.detail).toBe('document must contain a root element');
    expect(errorOf(() => parseXml('<x>&undefined;</x>')).params?.detail).toMatch(/undefined entity/);
    expect(errorOf(() => parseXml('<x/>junk')).params?.detail).toMatch(/outside of root/);
  });

  it('XML text, CDATA and prefixes', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\n<!-- c --><a:x xmlns:a="u"><a:y>1 &amp; 2<![CDATA[<z>]]>&#x4e2d;</a:y><q/></a:x>');
    expect(root).toEqual({
      name: 'x',
      text: '',
      children: [
        { name: 'y', text: '1 & 2<z>中', children: [] },
        { name: 'q', text: '', children: [] },
      ],
    });
  });

  it('XML DOCTYPE rejected', () => {
    const billionLaughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
      '<lolz>&lol2;</lolz>',
    ].join('\n');
    const laughs = errorOf(() => parseXml(billionLaughs));
    expect(laughs.code).toBe('GATE_EVENT_XML_DOCTYPE');
    expect(laughs.params).toEqual({ line: 2 });
    const external = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>';
    expect(errorOf(() => parseXml(external)).code).toBe('GATE_EVENT_XML_DOCTYPE');
    expect(errorOf(() => parseXml('<!DOCTYPE x><x/>')).code).toBe('GATE_EVENT_XML_DOCTYPE');
  });

  it('XML depth and size limits', () => {
    const nested = (levels: number) => `${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}`;
    expect(parseXml(nested(XML_MAX_DEPTH)).name).toBe('a');
    const deep = errorOf(() => parseXml(nested(XML_MAX_DEPTH + 1)));
    expect(deep.code).toBe('GATE_EVENT_XML_TOO_DEEP');
    expect(deep.params).toMatchObject({ line: 1, limit: XML_MAX_DEPTH });

    const wide = (count: number) => `<r>${'<b/>'.repeat(count - 1)}</r>`;
    expect(parseXml(wide(XML_MAX_ELEMENTS)).children).toHaveLength(XML_MAX_ELEMENTS - 1);
    const many = errorOf(() => parseXml(wide(XML_MAX_ELEMENTS + 1)));
    expect(many.code).toBe('GATE_EVENT_XML_TOO_MANY_ELEMENTS');
    expect(many.params).toMatchObject({ limit: XML_MAX_ELEMENTS });
  });

  it('vzenith reply opens only on open', () => {
    const reply = { eventId: 'e', sourceKey: 's', alert: false, action: 'open' as const, rule: null, message: '请通行' };
    const open = JSON.parse(GATE_FORMAT_ADAPTERS.vzenith.respond([{ sourceKey: 's', reply: { ...reply, decision: 'open' } }]).body);
    expect(open.Response_AlarmInfoPlate.info).toBe('ok');
    const denied = JSON.parse(
      GATE_FORMAT_ADAPTERS.vzenith.respond([{ sourceKey: 's', reply: { ...reply, decision: 'deny', action: 'deny' } }]).body,
    );
    expect(denied.Response_AlarmInfoPlate.info).not.toBe('ok');
  });

  it('gat1400 reply lists each status', () => {
    const post = gat1400Post([{ plate: '苏E12345', id: 'A' }]);
    expect(post.path).toBe('/gat1400/VIID/MotorVehicles');
    const response = GATE_FORMAT_ADAPTERS.gat1400.respond([
      { sourceKey: 'A', reply: { eventId: 'e', sourceKey: 'A', decision: 'open', alert: false, action: 'open', rule: null, message: '' } },
      { sourceKey: 'B', error: new AppError('GATE_EVENT_REPLAYED') },
    ]);
    const statuses = JSON.parse(response.body).ResponseStatusListObject.ResponseStatusObject;
    expect(statuses.map((status: { Id: string; StatusCode: number }) => [status.Id, status.StatusCode])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });
});
