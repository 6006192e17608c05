import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/harness.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

const UNCLOSED_XML = '<?xml version="1.0" encoding="UTF-8"?><EventNotificationAlert><eventType>ANPR</eventType>';

describeEachDatabase('gate device error messages', (kind) => {
  let f: GateFixture;

  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());

  describe('invalid XML', () => {
    it('keeps the parser detail in English', async () => {
      const response = await f.device('/api/gate-events/hikvision', UNCLOSED_XML, {
        key: f.a1.deviceKey,
        contentType: 'application/xml',
        locale: 'en',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('GATE_EVENT_XML_INVALID');
      expect(response.json().error.message).toMatch(/line 1, column \d+: \S/);
    });

    it.each(['zh-CN', 'ja', 'ko'])('gives line and column only in %s', async (locale) => {
      const response = await f.device('/api/gate-events/hikvision', UNCLOSED_XML, {
        key: f.a1.deviceKey,
        contentType: 'application/xml',
        locale,
      });
      const message: string = response.json().error.message;
      expect(response.json().error.code).toBe('GATE_EVENT_XML_INVALID');
      expect(message).toMatch(/1.*\d+/);
      expect(message, message).not.toMatch(/[A-Za-z]{3,}(?<!XML)/);
    });
  });

  describe('unsupported content type', () => {
    it.each(['zh-CN', 'en', 'ja', 'ko'])('names the XML types on the Hikvision route in %s', async (locale) => {
      const response = await f.device('/api/gate-events/hikvision', 'plate=苏E12345', {
        key: f.a1.deviceKey,
        contentType: 'text/plain',
        locale,
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('CONTENT_TYPE_NOT_ACCEPTED');
      expect(response.json().error.message).toContain('application/xml, text/xml, multipart/form-data');
      expect(response.json().error.message).not.toContain('JSON');
    });

    it('names JSON on the Cordon route', async () => {
      const response = await f.device('/api/gate-events', 'plate=苏E12345', { key: f.a1.deviceKey, contentType: 'text/plain' });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('CONTENT_TYPE_NOT_ACCEPTED');
      expect(response.json().error.message).toContain('accepts only application/json;');
    });

    it('keeps the JSON message on staff routes', async () => {
      const response = await f.t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: 'username=admin',
        headers: { 'content-type': 'text/plain', 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('revoked gate key', () => {
    beforeAll(async () => {
      const revoked = await f.send(f.staffA, 'POST', `/api/gate-admin/devices/${f.a2.deviceId}/revoke`);
      expect(revoked.statusCode).toBe(200);
    });

    it.each([
      ['zh-CN', '门禁管理'],
      ['en', 'Gates and passes'],
      ['ja', '门禁管理'],
      ['ko', '门禁管理'],
    ])('tells how to replace it in %s', async (locale, consoleName) => {
      const response = await f.device('/api/gate-events', {}, { key: f.a2.deviceKey, locale });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('DEVICE_KEY_INVALID');
      expect(response.json().error.message).toContain(consoleName);
    });
  });
});
