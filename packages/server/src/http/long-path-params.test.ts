import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, request, signIn, type Session, type TestApp } from '../testing/harness.js';

describeEachDatabase('path parameters over the router limit', (kind) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp(kind, { publicRateLimit: 3 });
    admin = await signIn(t.app, 'admin', t.adminPassword);
  });
  afterAll(async () => t.close());

  describe('public path', () => {
    const url = `/api/public/visitor-confirmations/${'a'.repeat(1000)}`;

    it('gets 404 in the request language', async () => {
      const response = await t.app.inject({ method: 'GET', url, remoteAddress: '10.3.0.1', headers: { 'accept-language': 'ja' } });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-language']).toBe('ja');
      expect(response.json().error.code).toBe('NOT_FOUND');
      expect(response.json().error.message).toMatch(/[\u3040-\u30ff]/);
      expect(response.json().requestId).toBeTruthy();
    });

    it('counts against the rate limit', async () => {
      const statuses: number[] = [];
      for (const path of [url, `/api/public/passes/${'b'.repeat(5000)}`, `/api/public/passes/${'c'.repeat(5000)}/code`, url]) {
        statuses.push((await t.app.inject({ method: 'GET', url: path, remoteAddress: '10.3.0.2' })).statusCode);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
    });
  });

  it('staff path gets 404 with the error format', async () => {
    const response = await request(t.app, admin, {
      method: 'GET',
      url: `/api/gate-admin/passes/${'d'.repeat(1000)}/paper.pdf`,
      locale: 'zh-CN',
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.headers['x-ratelimit-remaining']).toBeDefined();
    expect(response.json().error.code).toBe('NOT_FOUND');
    expect(response.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('staff write to an overlong id gets 404', async () => {
    const response = await request(t.app, admin, { method: 'POST', url: `/api/gate-admin/passes/${'e'.repeat(1000)}/revoke`, payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
